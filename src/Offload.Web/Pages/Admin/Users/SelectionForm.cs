using System.Globalization;
using Offload.Platform.Selection;
using Offload.Platform.Users;

namespace Offload.Web.Pages.Admin.Users;

/// <summary>
/// A selection as the plain forms carry it from the list to the step page and on to the confirmation: checked
/// <c>userIds</c>, or <c>selectAll=filter</c> with the list's filter — sent as a filter, frozen when the job starts.
/// The filter also rides along with ids, so that every step can lead back to the list as it was.
/// </summary>
internal sealed class SelectionForm
{
    public const string AllMatching = "filter";

    public List<long> UserIds { get; set; } = [];
    public string? SelectAll { get; set; }
    public string? Text { get; set; }
    public long? Branch { get; set; }
    public bool? Active { get; set; }

    public bool IsFilter => SelectAll == AllMatching;
    public bool IsEmpty => !IsFilter && UserIds.Count == 0;
    public UserFilter Filter => new(Branch, Active, string.IsNullOrWhiteSpace(Text) ? null : Text);

    public SelectionRequest ToRequest() => IsFilter ? new SelectionRequest(null, Filter) : new SelectionRequest(UserIds, null);

    /// <summary>The fields to post again on the next step, as name/value pairs.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Fields()
    {
        foreach (var pair in FilterFields()) yield return pair;
        if (IsFilter) yield return new("selectAll", AllMatching);
        else foreach (var id in UserIds) yield return new("userIds", Invariant(id));
    }

    /// <summary>The Users screen with this filter, and the selection still checked when it can be carried in the address.</summary>
    public string ListUrl(string? started = null)
    {
        var query = FilterFields().ToList();
        if (started is not null) query.Add(new("started", started));
        else if (IsFilter) query.Add(new("all", AllMatching));
        else query.AddRange(UserIds.Take(IndexModel.PageSize).Select(id => new KeyValuePair<string, string?>("selected", Invariant(id))));
        return "/admin/users" + Microsoft.AspNetCore.Http.QueryString.Create(query);
    }

    /// <summary>The list's filter as query or form fields; empty parts left out.</summary>
    public IEnumerable<KeyValuePair<string, string?>> FilterFields()
    {
        if (!string.IsNullOrWhiteSpace(Text)) yield return new("text", Text);
        if (Branch is { } branch) yield return new("branch", Invariant(branch));
        if (Active is { } active) yield return new("active", active ? "true" : "false");
    }

    private static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
