using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Offload.Web.Tests;

/// <summary>
/// Files built to hurt: each is refused with a 400 or becomes a job that ends with error rows — never a crash
/// or a stuck job. With <see cref="BadUploadTests"/> (binary, UTF-16, Latin-1, empty, header only, duplicate and
/// missing columns, ...) 28 kinds of hostile file.
/// </summary>
public sealed class HostileCsvTests(OffloadApp app) : IClassFixture<OffloadApp>
{
    /// <summary>Built when a case runs: megabytes in the theory's data would be serialized into every test case's name.</summary>
    private static readonly Dictionary<string, Func<byte[]>> Files = new()
    {
        ["unbalanced quote"] = () => Utf8("username,email\n\"hq1,hq1@example.com\nhq2,hq2@example.com\n"),
        ["quote inside a field"] = () => Utf8("username,email\nhq\"3,hq3@example.com\n"),
        ["script payload"] = () => Utf8("username,email,firstname\nhq4,hq4@example.com,<script>alert(1)</script>\n"),
        ["formula payloads"] = () => Utf8("username,email,firstname,lastname\n=hq5,hq5@example.com,+SUM(A1),@cmd\n-hq6,hq6@example.com,\tx,\rY\n"),
        ["1 MB field"] = () => Utf8("username,email\n" + new string('x', 1_000_000) + ",big@example.com\n"),
        ["many columns"] = () => Utf8("username,email\nhq7,hq7@example.com," + string.Join(",", Enumerable.Repeat("z", 10_000)) + "\n"),
        ["CR only line ends"] = () => Utf8("username,email\rhq8,hq8@example.com\rhq9,hq9@example.com\r"),
        ["blank lines"] = () => Utf8("username,email\n\n\nhq10,hq10@example.com\n\n"),
        ["semicolon with commas in values"] = () => Utf8("username;email;firstname\nhq11;hq11@example.com;Smith, John\n"),
        ["emoji and RTL text"] = () => Utf8("username,email,firstname\nhq12,hq12@example.com,😀 مرحبا\n"),
        ["10 MB single line"] = () => Utf8("username,email,firstname\nhq13,hq13@example.com," + new string('y', 10_000_000)),
        ["10 MB without any line end"] = () => Utf8("username,email" + new string(',', 10_000_000)),
        ["null bytes in a field"] = () => Utf8("username,email,firstname\nhq14,hq14@example.com,a\0b\n"),
        ["HTML payloads"] = () => Utf8("username,email,firstname,lastname\nhq15,hq15@example.com,<b onmouseover=alert(1)>x</b>,<iframe src=javascript:alert(1)>\n"),
        ["only line ends"] = () => Utf8("\n\r\n\n"),
        ["JSON instead of CSV"] = () => Utf8("{\"username\": \"hq16\", \"email\": \"hq16@example.com\"}\n"),
        ["rows of bare delimiters"] = () => Utf8("username,email\n" + string.Concat(Enumerable.Repeat(",\n", 1000))),
        ["10,000-character username and zero-width characters"] = () => Utf8("username,email\n" + new string('u', 10_000) + ",hq17@example.com\nhq\u200B18,hq18@example.com\n"),
    };

    public static TheoryData<string> Names => [.. Files.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_hostile_file_is_refused_or_ends_cleanly_with_error_rows(string name)
    {
        var admin = await AdminAsync();
        var response = await admin.ImportBytesAsync(Files[name](), name + ".csv");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.False(string.IsNullOrEmpty((await response.ProblemAsync()).Title));
            return;
        }
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = (await response.Content.ReadFromJsonAsync<CreatedBody>())!.Job;
        var done = await admin.WaitFinishedAsync(job.Id, TimeSpan.FromSeconds(60));
        Assert.Equal("completed", done.Status);
        Assert.Equal(done.Total, done.Processed);
        var log = await admin.GetStringAsync($"/api/jobs/{job.Id}/errors.csv");
        Assert.DoesNotContain("\n=", log, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", log, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_hostile_file_gets_the_same_answer_from_the_preview_and_its_counts_are_the_jobs(string name)
    {
        var admin = await AdminAsync();
        var bytes = Files[name]();
        var previewed = await admin.PreviewBytesAsync(bytes, name + ".csv");
        var imported = await admin.ImportBytesAsync(bytes, name + ".csv");
        if (imported.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.Equal(HttpStatusCode.BadRequest, previewed.StatusCode);
            Assert.Equal(await imported.ProblemAsync(), await previewed.ProblemAsync());
            return;
        }
        Assert.Equal(HttpStatusCode.Created, previewed.StatusCode);
        var preview = (await previewed.Content.ReadFromJsonAsync<PreviewBody>())!;
        var done = await admin.WaitFinishedAsync((await imported.Content.ReadFromJsonAsync<CreatedBody>())!.Job.Id, TimeSpan.FromSeconds(60));
        // Nothing ran between the preview and the import's job: the preview's verdicts are the job's.
        Assert.Equal((done.Total, done.ErrorCount), (preview.Rows, preview.ErrorCount));
        Assert.Equal(preview.Rows - preview.BlankRows, preview.Creates + preview.Updates + preview.ErrorRows);
        Assert.All(preview.FirstRows.SelectMany(r => r), v => Assert.True(v.Length <= 61));
    }

    /// <summary>A bearer token straight from the store: one class signs in more often than the sign-in rate limit allows.</summary>
    private Task<HttpClient> AdminAsync() => app.AdminByTokenAsync();

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
