using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Offload.Platform.Users;

namespace Offload.Web.Tests;

public sealed class UsersImportTests(OffloadApp app) : IClassFixture<OffloadApp>
{
    private Task<User?> FindAsync(string username) =>
        app.Services.GetRequiredService<IUserStore>().FindByUsernameAsync(new FindUserRequest(username), default);

    [Fact]
    public async Task A_valid_file_becomes_a_job_that_creates_every_user()
    {
        var admin = await app.AdminAsync();
        var created = await admin.ImportJobAsync("""
            username,email,firstname,lastname,language,active
            alice,alice@example.com,Alice,Martin,fr,yes
            bob,bob@example.com,Bob,Durand,en,0
            carol,carol@example.com,Carol,,,
            """, "people.csv");
        Assert.Equal("users.import", created.Kind);
        Assert.Equal("Import of people.csv (3 rows)", created.Description);
        Assert.Equal(3, created.Total);
        Assert.Equal("admin", created.Owner.Username);
        Assert.Equal(created.CreatedAt.AddDays(14), created.ExpiresAt);

        var done = await admin.WaitFinishedAsync(created.Id);
        Assert.Equal("completed", done.Status);
        Assert.Equal(3, done.Processed);
        Assert.Equal(100, done.Percent);
        Assert.Equal(0, done.ErrorCount);

        var alice = await FindAsync("ALICE");
        Assert.Equal(("alice@example.com", "Alice", "Martin", "fr", true), (alice!.Email, alice.FirstName, alice.LastName, alice.Language, alice.Active));
        Assert.False((await FindAsync("bob"))!.Active);
        Assert.Equal("en", (await FindAsync("carol"))!.Language);
    }

    [Fact]
    public async Task Semicolons_a_bom_and_quoted_fields_are_understood()
    {
        var admin = await app.AdminAsync();
        var csv = "\uFEFFUserName;EMAIL;FirstName\r\n\"dupont;jean\";jean@example.com;\"Jean, \"\"JJ\"\"\nDupont\"\r\nzoe;zoe@example.com;Zoé\r\n";
        var created = await admin.ImportJobAsync(csv);
        Assert.Equal(2, created.Total);
        var done = await admin.WaitFinishedAsync(created.Id);
        Assert.Equal(1, done.ErrorCount); // ';' is not allowed in a username
        Assert.Equal("Zoé", (await FindAsync("zoe"))!.FirstName);
    }

    [Fact]
    public async Task Bad_rows_become_error_rows_and_the_rest_is_imported()
    {
        var admin = await app.AdminAsync();
        var created = await admin.ImportJobAsync("""
            username,email,language,branch,active,password
            good1,good1@example.com,en,,,
            bad email,not-an-email,en,,,
            good1,again@example.com,fr,,,
            lang,lang@example.com,de,,,
            nobranch,nobranch@example.com,en,Atlantis,,
            flag,flag@example.com,en,,maybe,
            short,short@example.com,en,,,abc
            =cmd,x@example.com,en,,,
            good2,good2@example.com,fr,,,
            """);
        var done = await admin.WaitFinishedAsync(created.Id);
        Assert.Equal("completed", done.Status);
        Assert.Equal(9, done.Processed);
        Assert.Equal(8, done.ErrorCount);
        Assert.NotNull(await FindAsync("good1"));
        Assert.NotNull(await FindAsync("good2"));
        Assert.Null(await FindAsync("lang"));

        var response = await admin.GetAsync($"/api/jobs/{created.Id}/errors.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("row,field,message,value", lines[0]);
        Assert.Equal(
        [
            "3,username,\"The username may only contain letters, digits and . _ - @\",bad email",
            "3,email,The email address is not valid.,not-an-email",
            "4,username,The username is already used on an earlier row of this file.,good1",
            "5,language,The language must be 'en' or 'fr'.,de",
            "6,branch,The branch does not exist.,Atlantis",
            "7,active,\"Active must be one of true, false, 1, 0, yes, no.\",maybe",
            "8,password,The password must have at least 8 characters.,",
            "9,username,\"The username may only contain letters, digits and . _ - @\",'=cmd",
        ], lines.Skip(1));
    }

    [Fact]
    public async Task Every_repeat_of_a_username_is_an_error_whatever_the_case()
    {
        var admin = await app.AdminAsync();
        var created = await admin.ImportJobAsync("""
            username,email
            twice1,a@example.com
            twice2,b@example.com
            TWICE1,c@example.com
            Twice1,d@example.com
            twice2,e@example.com
            """);
        var done = await admin.WaitFinishedAsync(created.Id);
        Assert.Equal(3, done.ErrorCount);
        var lines = (await (await admin.GetAsync($"/api/jobs/{created.Id}/errors.csv")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Skip(1);
        Assert.Equal(
        [
            "4,username,The username is already used on an earlier row of this file.,TWICE1",
            "5,username,The username is already used on an earlier row of this file.,Twice1",
            "6,username,The username is already used on an earlier row of this file.,twice2",
        ], lines);
        Assert.Equal("a@example.com", (await FindAsync("twice1"))!.Email);
    }

    [Fact]
    public async Task Existing_users_are_errors_unless_updating_is_asked_for()
    {
        var admin = await app.AdminAsync();
        await admin.WaitFinishedAsync((await admin.ImportJobAsync("username,email,firstname\nupd,old@example.com,Old\n")).Id);

        var refused = await admin.WaitFinishedAsync((await admin.ImportJobAsync("username,email,firstname\nUPD,new@example.com,New\n")).Id);
        Assert.Equal(1, refused.ErrorCount);
        Assert.Equal("old@example.com", (await FindAsync("upd"))!.Email);

        var updated = await admin.WaitFinishedAsync((await admin.ImportJobAsync("username,email\nupd,new@example.com\n", updateExisting: true)).Id);
        Assert.Equal(0, updated.ErrorCount);
        var user = await FindAsync("upd");
        Assert.Equal("new@example.com", user!.Email);
        Assert.Equal("Old", user.FirstName); // a column absent from the file is left alone
    }

    [Fact]
    public async Task An_import_never_overwrites_an_administrator()
    {
        var admin = await app.AdminAsync();
        var done = await admin.WaitFinishedAsync((await admin.ImportJobAsync(
            "username,email,password\nadmin,evil@example.com,takeover-password\n", updateExisting: true)).Id);
        Assert.Equal(1, done.ErrorCount);
        Assert.Equal("admin@localhost", (await FindAsync("admin"))!.Email);
        Assert.NotNull(await app.AdminAsync());
    }

    [Fact]
    public async Task Imported_passwords_let_the_user_sign_in()
    {
        var admin = await app.AdminAsync();
        await admin.WaitFinishedAsync((await admin.ImportJobAsync("username,email,password\nwithpw,withpw@example.com,s3cret-password\n")).Id);
        var client = await app.ClientForAsync("withpw", "s3cret-password");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_file_name_with_a_path_is_reduced_to_its_last_segment()
    {
        var admin = await app.AdminAsync();
        var created = await admin.ImportJobAsync("username,email\nfn1,fn1@example.com\n", "..\\..\\etc\\team list.csv");
        Assert.Equal("Import of team list.csv (1 row)", created.Description);
    }
}
