using System.Text.Json;
using System.Text.Json.Serialization;
using Offload.Jobs;
using Offload.Platform.MassActions;

namespace Offload.Web.MassActions;

/// <summary>
/// "stopOnErrors" of a mass action's request: {percent, after}, or false for no stop; null or absent means the action's
/// default (<see cref="ErrorRateStop"/>). A number that is not a whole one reads as 0, which the check refuses by name.
/// </summary>
[JsonConverter(typeof(StopOnErrorsDtoJson))]
internal sealed record StopOnErrorsDto(long? Percent, long? After, bool Off = false)
{
    /// <summary>The stop <paramref name="asked"/> for, checked; <paramref name="byDefault"/> when nothing was asked.</summary>
    public static StopOnErrors? Resolve(StopOnErrorsDto? asked, StopOnErrors? byDefault) => asked switch
    {
        null => byDefault,
        { Off: true } => null,
        _ => ErrorRateStop.Check(asked.Percent, asked.After),
    };
}

/// <summary>Reads <see cref="StopOnErrorsDto"/> from an object or <c>false</c>.</summary>
internal sealed class StopOnErrorsDtoJson : JsonConverter<StopOnErrorsDto>
{
    public override StopOnErrorsDto Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.False) return new StopOnErrorsDto(null, null, Off: true);
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("stopOnErrors is {\"percent\": 50, \"after\": 1000}, or false for no stop.");
        long? percent = null, after = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            long? value = reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.Number when reader.TryGetInt64(out var n) => n,
                _ => 0,
            };
            // An object or array where a number belongs is skipped whole (the value is buffered: TrySkip cannot fall short).
            reader.TrySkip();
            if (string.Equals(name, "percent", StringComparison.OrdinalIgnoreCase)) percent = value;
            else if (string.Equals(name, "after", StringComparison.OrdinalIgnoreCase)) after = value;
        }
        return new StopOnErrorsDto(percent, after);
    }

    public override void Write(Utf8JsonWriter writer, StopOnErrorsDto value, JsonSerializerOptions options)
    {
        if (value.Off)
        {
            writer.WriteBooleanValue(false);
            return;
        }
        writer.WriteStartObject();
        if (value.Percent is { } percent) writer.WriteNumber("percent", percent);
        if (value.After is { } after) writer.WriteNumber("after", after);
        writer.WriteEndObject();
    }
}
