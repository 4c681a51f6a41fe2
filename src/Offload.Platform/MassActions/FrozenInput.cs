using System.Text.Json;

namespace Offload.Platform.MassActions;

/// <summary>How a handler reads the input frozen in its job's row.</summary>
public static class FrozenInput
{
    /// <summary>
    /// The frozen input, or the failure reason the owner reads (<c>FailureReasons</c> words an <see cref="InvalidDataException"/>)
    /// when it lacks what the action needs: a row written by hand, or by a version that froze something else.
    /// </summary>
    public static T Read<T>(string json) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, JsonDefaults.Options) ?? throw new InvalidDataException("The job's input is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The job's input could not be read.", e);
        }
    }
}
