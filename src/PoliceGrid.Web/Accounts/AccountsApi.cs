using Microsoft.AspNetCore.Http.HttpResults;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

/// <summary>
/// Accounts, under separated duties (三员分立): the system administrator creates operational accounts; the security
/// administrator creates the three administrator accounts and unlocks locked ones. Nobody creates an account for a role
/// their own duty does not cover, and nobody disables an account or ends its sessions outside their duty either.
/// </summary>
public static class AccountsApi
{
    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/accounts").WithTags("Accounts");
        api.MapPost("/", CreateAccount).WithName("CreateAccount").Requires(Capability.ManageOperationalAccounts, Capability.ManageAdministratorAccounts)
            .WithSummary("Create an account within the caller's duty");
        api.MapGet("/grants", ListGrants).WithName("ListGrants").Requires(Capability.ApproveGrants)
            .WithSummary("List accounts whose role reaches personal data, waiting ones first");
        api.MapPost("/{id:int}/grant", ApproveGrant).WithName("ApproveGrant").Requires(Capability.ApproveGrants)
            .WithSummary("Approve an account's access to personal data");
        api.MapPost("/{id:int}/withdraw-grant", WithdrawGrant).WithName("WithdrawGrant").Requires(Capability.ApproveGrants)
            .WithSummary("Withdraw an account's access to personal data and end its sessions");
        api.MapPost("/{id:int}/unlock", UnlockAccount).WithName("UnlockAccount").Requires(Capability.ApproveGrants)
            .WithSummary("Unlock an account locked after failed sign-ins");
        api.MapPost("/{id:int}/disable", DisableAccount).WithName("DisableAccount").Requires(Capability.ManageOperationalAccounts, Capability.ManageAdministratorAccounts)
            .WithSummary("Disable an account and end its sessions");
        api.MapPost("/{id:int}/enable", EnableAccount).WithName("EnableAccount").Requires(Capability.ManageOperationalAccounts, Capability.ManageAdministratorAccounts)
            .WithSummary("Enable a disabled account");
        api.MapPost("/{id:int}/end-sessions", EndSessions).WithName("EndSessions").Requires(Capability.ManageOperationalAccounts, Capability.ManageAdministratorAccounts)
            .WithSummary("End every session of an account");
    }

    static async Task<Results<Ok<CreateAccount.Created>, ProblemHttpResult>> CreateAccount(Accounts.CreateAccount.Request request, AccessPolicy access,
        CreateAccount create) =>
        (await create.RunAsync(await access.CurrentAsync(), request)).ToOk();

    static async Task<Ok<IReadOnlyList<ApproveGrant.Pending>>> ListGrants(ApproveGrant grants) => TypedResults.Ok(await grants.ListAsync());

    static async Task<Results<NoContent, ProblemHttpResult>> ApproveGrant(int id, AccessPolicy access, ApproveGrant grants) =>
        (await grants.DecideAsync(await access.CurrentAsync(), id, approve: true)).ToNoContent();

    static async Task<Results<NoContent, ProblemHttpResult>> WithdrawGrant(int id, AccessPolicy access, ApproveGrant grants) =>
        (await grants.DecideAsync(await access.CurrentAsync(), id, approve: false)).ToNoContent();

    static async Task<Results<NoContent, ProblemHttpResult>> UnlockAccount(int id, ActOnAccount act) =>
        (await act.UnlockAsync(id)).ToNoContent();

    static async Task<Results<NoContent, ProblemHttpResult>> DisableAccount(int id, AccessPolicy access, ActOnAccount act) =>
        (await act.DisableAsync(await access.CurrentAsync(), id)).ToNoContent();

    static async Task<Results<NoContent, ProblemHttpResult>> EnableAccount(int id, AccessPolicy access, ActOnAccount act) =>
        (await act.EnableAsync(await access.CurrentAsync(), id)).ToNoContent();

    static async Task<Results<NoContent, ProblemHttpResult>> EndSessions(int id, AccessPolicy access, ActOnAccount act) =>
        (await act.EndSessionsAsync(await access.CurrentAsync(), id)).ToNoContent();
}
