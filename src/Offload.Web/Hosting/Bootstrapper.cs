using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Offload.Platform.Identity;
using Offload.Platform.Users;
using Offload.Storage.Sql;

namespace Offload.Web.Hosting;

/// <summary>Start-up work: migrate the store and, on a platform with no Superadmin (its first start), create 'admin'.</summary>
public sealed class Bootstrapper(SqlDatabase store, IUserStore users, IPasswordHasher hasher, TimeProvider clock,
    IOptions<OffloadSettings> settings, ILogger<Bootstrapper> logger)
{
    public const string AdminUsername = "admin";

    public async Task RunAsync(CancellationToken ct)
    {
        await store.MigrateAsync(ct);
        // Not "while no account is called admin": the bootstrap password usually stays set, and a Superadmin
        // who renamed or deleted 'admin' must not see it come back, with that password, at the next restart.
        if (await users.CountAsync(new CountUsersRequest(Roles.Superadmin), ct) > 0) return;
        var bootstrap = settings.Value.Bootstrap;
        var password = bootstrap.AdminPassword;
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        var created = await users.CreateAsync(new CreateUserRequest(new User
        {
            Id = 0,
            Username = AdminUsername,
            Email = bootstrap.AdminEmail,
            FirstName = "Admin",
            Role = Roles.Superadmin,
            PasswordHash = hasher.Hash(password!),
        }, clock.GetUtcNow()), ct);
        if (created is null)
        {
            // Never promote an existing account by itself: an operator decides who becomes Superadmin.
            logger.LogError("No Superadmin exists and the username '{Admin}' belongs to another account; rename that account " +
                "and restart to create '{Admin}', or make an account Superadmin in the database", AdminUsername, AdminUsername);
            return;
        }
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
