using Microsoft.Extensions.Options;
using Offload.Jobs;
using Offload.Jobs.Completion;
using Offload.Platform.Localization;
using Offload.Platform.Users;

namespace Offload.Platform.Notifications;

/// <summary>The owner's notice and mail, in the owner's language, linking to the job's own page.</summary>
public sealed class JobCompletionComposer(IUserStore users, CompletionTexts texts, IOptions<CompletionOptions> options) : IJobCompletionComposer
{
    public async Task<JobCompletion> ComposeAsync(Job finished, CancellationToken ct)
    {
        var owner = await users.GetAsync(new GetUserRequest(finished.OwnerId), ct);
        if (owner is null) return JobCompletion.None; // the owner's account is gone: nobody to tell
        var link = options.Value.PublicUrl.TrimEnd('/') + "/jobs/" + finished.Id;
        var name = string.IsNullOrWhiteSpace(owner.FirstName) ? owner.Username : owner.FirstName;
        CompletionText text;
        // Worker threads carry no request culture: the words and numbers are the owner's.
        using (CultureScope.Use(owner.Language))
            text = texts.Compose(name, finished, link);
        var mail = owner.Active && owner.Email.Length > 0 ? new OutboxMail(owner.Email, text.Subject, text.Text, text.Html) : null;
        return new JobCompletion(new JobNotice(owner.Id, text.Title), mail);
    }
}
