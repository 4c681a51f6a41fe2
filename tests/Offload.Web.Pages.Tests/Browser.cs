using System.Net;
using System.Text.RegularExpressions;

namespace Offload.Web.Pages.Tests;

/// <summary>What a browser does with the pages: GET, read the form's antiforgery token, POST the form back.</summary>
public sealed partial class Browser(HttpClient client)
{
    public HttpClient Client => client;

    public async Task<(HttpResponseMessage Response, string Html)> GetAsync(string path)
    {
        var response = await client.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens the page holding the form, then posts the fields with that page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPage, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var (page, html) = await GetAsync(formPage);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await PostAsync(action ?? formPage, [.. fields, new("__RequestVerificationToken", FormToken(html))]);
    }

    /// <summary>Opens the page holding the upload form, then sends it as a browser does: multipart, token first, then the file.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string formPage, byte[] file, string fileName, bool updateExisting = false)
    {
        var (page, html) = await GetAsync(formPage);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var form = new MultipartFormDataContent { { new StringContent(FormToken(html)), "__RequestVerificationToken" } };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(content, "file", fileName);
        if (updateExisting) form.Add(new StringContent("true"), "updateExisting");
        return await client.PostAsync(formPage, form);
    }

    public Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(path, new FormUrlEncodedContent(fields));

    public Task<HttpResponseMessage> SignInAsync(string username, string password, string loginPage = "/login") =>
        SubmitAsync(loginPage, [new("Input.Username", username), new("Input.Password", password)]);

    public static string FormToken(string html) =>
        FormTokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery field on the page.");

    public static string MetaToken(string html) =>
        MetaTokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No csrf-token meta tag.");

    /// <summary>The text of the validation message next to a form field, or null when there is none.</summary>
    public static string? FieldError(string html, string field) =>
        Regex.Match(html, $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]+)<") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex MetaTokenPattern();
}
