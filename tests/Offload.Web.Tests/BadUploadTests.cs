using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Offload.Web.Tests;

/// <summary>Small limits so "too big" and "too many rows" are cheap to send.</summary>
public sealed class SmallLimitsApp : IDisposable
{
    public OffloadApp App { get; } = new();

    public SmallLimitsApp()
    {
        App.Settings["Offload:Import:MaxBytes"] = "2000";
        App.Settings["Offload:Import:MaxRows"] = "5";
    }

    public void Dispose() => App.Dispose();
}

/// <summary>A file a job could not make sense of is refused whole, with a clear problem, and leaves nothing behind.</summary>
public sealed class BadUploadTests(SmallLimitsApp fixture) : IClassFixture<SmallLimitsApp>
{
    private readonly OffloadApp _app = fixture.App;

    public static TheoryData<string, byte[], string, string> BadFiles => new()
    {
        { "empty", [], "The file is empty", "file" },
        { "only a BOM", [0xEF, 0xBB, 0xBF], "The file is empty", "file" },
        { "header only", Utf8("username,email\n"), "The file has no rows", "file" },
        { "missing email", Utf8("username,firstname\nx,y\n"), "The file misses a required column", "email" },
        { "unknown column", Utf8("username,email,age\nx,x@example.com,3\n"), "The file has an unknown column", "age" },
        { "duplicate column", Utf8("username,email,Username\nx,x@example.com,y\n"), "The file has a duplicate column", "username" },
        { "UTF-16", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("username,email\nx,x@example.com\n")], "The file is not UTF-8 text", "file" },
        { "Latin-1", [.. Utf8("username,email,firstname\nx,x@example.com,"), 0xE9, 0x0A], "The file is not UTF-8 text", "file" },
        { "binary", [.. Utf8("username,email\nx,x@example.com\n"), 0x00, 0x01, 0x02, 0x0A], "The file is not a CSV text file", "file" },
        { "too many rows", Utf8("username,email\n" + string.Concat(Enumerable.Range(0, 6).Select(i => $"u{i},u{i}@example.com\n"))), "The file has too many rows", "file" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_a_400_naming_the_cause_and_creates_no_job(string name, byte[] bytes, string title, string field)
    {
        var admin = await AdminAsync();
        var response = await admin.ImportBytesAsync(bytes, name + ".csv");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(title, problem.Title);
        Assert.Equal(field, problem.Field);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        await AssertNothingLeftAsync(admin);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_a_413()
    {
        var admin = await AdminAsync();
        var response = await admin.ImportBytesAsync(Utf8("username,email\n" + new string('x', 3000)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal("The file is too large", problem.Title);
        Assert.Equal("file", problem.Field);
        await AssertNothingLeftAsync(admin);
    }

    [Fact]
    public async Task A_form_without_a_file_is_a_400()
    {
        var admin = await AdminAsync();
        using var form = new MultipartFormDataContent { { new StringContent("true"), "updateExisting" } };
        var response = await admin.PostAsync("/api/mass-actions/users-import", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("file", (await response.ProblemAsync()).Field);
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task The_preview_refuses_a_bad_file_exactly_as_the_import_does(string name, byte[] bytes, string title, string field)
    {
        var admin = await AdminAsync();
        var imported = await (await admin.ImportBytesAsync(bytes, name + ".csv")).ProblemAsync();
        var previewed = await admin.PreviewBytesAsync(bytes, name + ".csv");
        Assert.Equal(HttpStatusCode.BadRequest, previewed.StatusCode);
        Assert.Equal(imported, await previewed.ProblemAsync());
        Assert.Equal((title, field), (imported.Title, imported.Field));
        await AssertNothingLeftAsync(admin);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_a_413_from_the_preview_too()
    {
        var admin = await AdminAsync();
        var bytes = Utf8("username,email\n" + new string('x', 3000));
        var imported = await admin.ImportBytesAsync(bytes);
        var previewed = await admin.PreviewBytesAsync(bytes);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.RequestEntityTooLarge), (imported.StatusCode, previewed.StatusCode));
        Assert.Equal(await imported.ProblemAsync(), await previewed.ProblemAsync());
        await AssertNothingLeftAsync(admin);
    }

    [Fact]
    public async Task A_form_without_a_file_or_with_a_bad_flag_is_the_same_400_from_the_preview()
    {
        var admin = await AdminAsync();
        using var noFile = new MultipartFormDataContent { { new StringContent("true"), "updateExisting" } };
        Assert.Equal("file", (await (await admin.PostAsync(ImportPreviewApi.PreviewPath, noFile)).ProblemAsync()).Field);
        using var badFlag = new MultipartFormDataContent
        {
            { new ByteArrayContent(Utf8("username,email\nx,x@example.com\n")), "file", "u.csv" },
            { new StringContent("perhaps"), "updateExisting" },
        };
        Assert.Equal("updateExisting", (await (await admin.PostAsync(ImportPreviewApi.PreviewPath, badFlag)).ProblemAsync()).Field);
        var json = await admin.PostAsJsonAsync(ImportPreviewApi.PreviewPath, new { file = "username,email" });
        Assert.Equal("Send the file as multipart/form-data", (await json.ProblemAsync()).Title);
        await AssertNothingLeftAsync(admin);
    }

    [Fact]
    public async Task A_bad_updateExisting_value_is_a_400_naming_it()
    {
        var admin = await AdminAsync();
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Utf8("username,email\nx,x@example.com\n")), "file", "u.csv" },
            { new StringContent("perhaps"), "updateExisting" },
        };
        var response = await admin.PostAsync("/api/mass-actions/users-import", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("updateExisting", (await response.ProblemAsync()).Field);
        await AssertNothingLeftAsync(admin);
    }

    [Fact]
    public async Task A_huge_form_field_is_refused_without_being_echoed()
    {
        var admin = await AdminAsync();
        // 8 MB in the flag field: it used to be read whole and sent back in the problem.
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Utf8("username,email\nx,x@example.com\n")), "file", "u.csv" },
            { new ByteArrayContent(Utf8("true" + new string('e', 8 * 1024 * 1024))), "updateExisting" },
        };
        var response = await admin.PostAsync("/api/mass-actions/users-import", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Length < 1024, $"the problem is {body.Length} characters long");
        Assert.DoesNotContain("eeee", body, StringComparison.Ordinal);
        Assert.Equal("updateExisting", (await response.ProblemAsync()).Field);
        await AssertNothingLeftAsync(admin);
    }

    private async Task AssertNothingLeftAsync(HttpClient admin)
    {
        var list = await admin.GetFromJsonAsync<JobListBody>("/api/jobs");
        Assert.Empty(list!.Items);
        var jobsFolder = Path.Combine(_app.DataPath, "jobs");
        Assert.True(!Directory.Exists(jobsFolder) || Directory.GetFileSystemEntries(jobsFolder).Length == 0,
            "a refused upload left files behind");
        var previewsFolder = Path.Combine(_app.DataPath, "previews");
        Assert.True(!Directory.Exists(previewsFolder) || Directory.GetFileSystemEntries(previewsFolder).Length == 0,
            "a refused preview left files behind");
    }

    /// <summary>A bearer token straight from the store: one class signs in more often than the sign-in rate limit allows.</summary>
    private Task<HttpClient> AdminAsync() => _app.AdminByTokenAsync();

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}

/// <summary>A data folder the host cannot write to: a clear problem, and no job.</summary>
public sealed class UnwritableDataFolderTests(OffloadApp app) : IClassFixture<OffloadApp>
{
    [Fact]
    public async Task An_upload_the_server_cannot_store_is_a_500_problem_and_creates_no_job()
    {
        var admin = await app.AdminAsync();
        // A file where the jobs folder should be: every attempt to make a job's folder fails, even as root.
        await File.WriteAllTextAsync(Path.Combine(app.DataPath, "jobs"), "not a folder");
        var response = await admin.ImportAsync("username,email\nx,x@example.com\n");
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(("The server could not store this file", "file"), (problem.Title, problem.Field));
        Assert.Empty((await admin.GetFromJsonAsync<JobListBody>("/api/jobs"))!.Items);
    }
}
