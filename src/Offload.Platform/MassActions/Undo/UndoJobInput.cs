using System.Text.Json.Serialization;
using Offload.Platform.Identity;

namespace Offload.Platform.MassActions.Undo;

/// <summary>
/// An undo job's frozen input (JSON on its row): who asked — their rights are checked again on every item — and the
/// original job's kind, size and input, which choose the reverter and describe the undo in the reader's language.
/// </summary>
public sealed record UndoJobInput(
    [property: JsonRequired] Actor Actor,
    [property: JsonRequired] string OriginalKind,
    [property: JsonRequired] long OriginalTotal,
    [property: JsonRequired] string OriginalInput,
    [property: JsonRequired] string OriginalDescription);
