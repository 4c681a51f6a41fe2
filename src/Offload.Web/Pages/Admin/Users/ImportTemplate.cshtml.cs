using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Offload.Platform.Users.Import;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>A users CSV to start from: every column the import knows, and two example rows.</summary>
internal sealed class ImportTemplateModel : PageModel
{
    private static readonly byte[] Template = Encoding.UTF8.GetBytes(
        string.Join(",", ImportColumns.All) + "\r\n"
        + "jdupont,jean.dupont@example.com,Jean,Dupont,,fr,true,\r\n"
        + "asmith,anna.smith@example.com,Anna,Smith,,en,true,\r\n");

    public IActionResult OnGet() => File(Template, "text/csv", "users-template.csv");
}
