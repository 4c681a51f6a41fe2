using System.Text.Json;

namespace Offload.Storage.Sqlite.Platform;

/// <summary>An id list as one JSON array parameter, unpacked in SQL by json_each: no variable limit, no spliced SQL.</summary>
internal static class JsonIds
{
    public static string Of(IEnumerable<long> ids) => JsonSerializer.Serialize(ids);
}
