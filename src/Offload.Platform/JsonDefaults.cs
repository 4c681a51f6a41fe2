using System.Text.Json;

namespace Offload.Platform;

/// <summary>One JSON shape for frozen job inputs: camelCase, as the API speaks.</summary>
public static class JsonDefaults
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
