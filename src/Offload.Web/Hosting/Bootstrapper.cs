using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Offload.Platform.Identity;
using Offload.Platform.Users;

namespace Offload.Web.Hosting;

/// <summary>First-start work: migrate the store and make sure a Superadmin 'admin' exists.</summary>
public sealed class Bootstrapper(IStoreSetup store, IUserStore users, IPasswordHasher hasher, TimeProvider clock,
    IOptions<OffloadSettings> settings, ILogger<Bootstrapper> logger)
{
    public const string AdminUsername = "admin";

    public async Task RunAsync(CancellationToken ct)
    {
        await store.MigrateAsync(ct);
        if (await users.FindByUsernameAsync(new FindUserRequest(AdminUsername), ct) is not null) return;
        var bootstrap = settings.Value.Bootstrap;
        var password = bootstrap.AdminPassword;
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        await users.CreateAsync(new CreateUserRequest(new User
        {
            Id = 0,
            Username = AdminUsername,
            Email = bootstrap.AdminEmail,
            FirstName = "Admin",
            Role = Roles.Superadmin,
            PasswordHash = hasher.Hash(password!),
        }, clock.GetUtcNow()), ct);
        if (generated)
        {
            // Printed once, on the console only (not the log pipeline), so it is not kept in log files.
            Console.WriteLine($"Created Superadmin '{AdminUsername}' with password: {password}");
            Console.WriteLine("Set Offload__Bootstrap__AdminPassword before the first start to choose it yourself.");
        }
        else
        {
            logger.LogInformation("Created Superadmin '{Admin}' with the configured password", AdminUsername);
        }
    }
}
