using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Jobs.Completion;
using Offload.Platform.Users;

namespace Offload.Platform.Notifications;

/// <summary>The owner's notice and mail, in the owner's language, linking to the Background Jobs page.</summary>
public sealed class JobCompletionComposer(IUserStore users, IOptions<CompletionOptions> options) : IJobCompletionComposer
{
    public async Task<JobCompletion> ComposeAsync(Job finished, CancellationToken ct)
    {
        var owner = await users.GetAsync(new GetUserRequest(finished.OwnerId), ct);
        if (owner is null) return JobCompletion.None; // the owner's account is gone: nobody to tell
        var link = (options.Value.PublicUrl ?? "http://localhost:5000").TrimEnd('/') + "/jobs";
        var name = string.IsNullOrWhiteSpace(owner.FirstName) ? owner.Username : owner.FirstName;
        var text = CompletionTexts.Compose(owner.Language, name, finished, link);
        var mail = owner.Active && owner.Email.Length > 0 ? new OutboxMail(owner.Email, text.Subject, text.Text, text.Html) : null;
        return new JobCompletion(new JobNotice(owner.Id, text.Title), mail);
    }
}
