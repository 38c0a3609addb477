using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register.Bulk;
using PoliceGrid.Web.Register.PersonalData;
using PoliceGrid.Web.Register.Records;
using PoliceGrid.Web.Register.Verification;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register;

public static class RegisterApi
{
    public static void AddRegister(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegisterOptions>().BindConfiguration("Register").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RegisterOptions>, RegisterOptions.Validation>();
        builder.Services.AddSingleton(services => PersonalDataVault.From(services.GetRequiredService<IOptions<RegisterOptions>>().Value,
            services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled));
        builder.Services.AddScoped<PlaceAddress>();
        builder.Services.AddScoped<RegisterLoop>();
        builder.Services.AddScoped<DuplicateLookups>();
        builder.Services.AddScoped<DecideResidenceCheck>();
        builder.Services.AddRecordType<CollectResident>();
        builder.Services.AddRecordType<CollectHouse>();
        builder.Services.AddRecordType<CollectOrganisation>();
        builder.Services.AddScoped<VerifyRecord>();
        builder.Services.AddScoped<RegisterQueries>();
        builder.Services.AddScoped<RevealPersonalData>();
        builder.Services.AddScoped<RegisterFigures>();
        builder.Services.AddScoped<RegisterDemo>();
        builder.Services.AddScoped<ResealPersonalData>();
        builder.Services.AddRegisterBulk();
    }

    static void AddRecordType<T>(this IServiceCollection services) where T : class, IRecordChanges
    {
        services.AddScoped<T>();
        services.AddScoped<IRecordChanges>(provider => provider.GetRequiredService<T>());
    }


    public static void MapRegisterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").Requires(Capability.ReadRegister).WithTags("Register");
        api.MapPost("/addresses", PlaceAddressAsync).WithName("PlaceAddress").WithSummary("Find or create a standard address").Requires(Capability.CollectRegister);
        api.MapGet("/residents", ListResidents).WithName("ListResidents").WithSummary("List residents in the caller's area").Requires(Capability.ReadRegister);
        api.MapPost("/residents", CollectResidentAsync).WithName("CollectResident").WithSummary("Collect a resident").Requires(Capability.CollectRegister);
        api.MapGet("/residents/{id:int}", GetResident).WithName("GetResident").WithSummary("A resident with history").Requires(Capability.ReadRegister);
        api.MapPut("/residents/{id:int}", ChangeResident).WithName("ChangeResident").WithSummary("Change a resident").Requires(Capability.CollectRegister);
        api.MapPost("/residents/{id:int}/reveal", RevealResident).WithName("RevealResident").WithSummary("Show a resident's full ID and phone number, audited").Requires(Capability.RevealPersonalData);
        api.MapPost("/residents/{id:int}/same-person", SamePerson).WithName("MarkSamePerson").WithSummary("Record that a likely duplicate is the same person").Requires(Capability.CollectRegister);
        api.MapGet("/houses", ListHouses).WithName("ListHouses").WithSummary("List houses in the caller's area").Requires(Capability.ReadRegister);
        api.MapPost("/houses", CollectHouseAsync).WithName("CollectHouse").WithSummary("Collect a house").Requires(Capability.CollectRegister);
        api.MapGet("/houses/{id:int}", GetHouse).WithName("GetHouse").WithSummary("A house with its residents and history").Requires(Capability.ReadRegister);
        api.MapPut("/houses/{id:int}", ChangeHouse).WithName("ChangeHouse").WithSummary("Change a house").Requires(Capability.CollectRegister);
        api.MapGet("/organisations", ListOrganisations).WithName("ListOrganisations").WithSummary("List organisations in the caller's area").Requires(Capability.ReadRegister);
        api.MapPost("/organisations", CollectOrganisationAsync).WithName("CollectOrganisation").WithSummary("Collect an organisation").Requires(Capability.CollectRegister);
        api.MapGet("/organisations/{id:int}", GetOrganisation).WithName("GetOrganisation").WithSummary("An organisation with history").Requires(Capability.ReadRegister);
        api.MapPut("/organisations/{id:int}", ChangeOrganisation).WithName("ChangeOrganisation").WithSummary("Change an organisation").Requires(Capability.CollectRegister);
        api.MapGet("/register/queue", Queue).WithName("VerificationQueue").WithSummary("Changes waiting for the caller to verify").Requires(Capability.VerifyRegister);
        api.MapGet("/register/returned", Returned).WithName("ReturnedRecords").WithSummary("The caller's collections returned for correction").Requires(Capability.CollectRegister);
        api.MapPost("/register/changes/{id:long}/verify", Verify).WithName("VerifyRecord").WithSummary("Verify a pending record or change").Requires(Capability.VerifyRegister);
        api.MapPost("/register/changes/{id:long}/return", Return).WithName("ReturnRecord").WithSummary("Return a pending record or change with a reason").Requires(Capability.VerifyRegister);
        api.MapGet("/register/residence-checks", ResidenceChecks).WithName("ResidenceChecks").WithSummary("Open residence checks for the caller's districts").Requires(Capability.VerifyRegister);
        api.MapPost("/register/residence-checks/{id:long}/confirm", ConfirmMove).WithName("ConfirmResidenceChange").WithSummary("Confirm that a person has moved").Requires(Capability.VerifyRegister);
        api.MapPost("/register/residence-checks/{id:long}/reject", RejectMove).WithName("RejectResidenceChange").WithSummary("Reject a residence check as a mistake").Requires(Capability.VerifyRegister);
        api.MapGet("/register/figures", Figures).WithName("RegisterFigures").WithSummary("Register figures for a unit").Requires(Capability.ReadRegister);
        api.MapRegisterBulkApi();

        // Key rotation is security work: the security administrator runs it and sees no personal data doing so.
        app.MapPost("/api/register/reseal", Reseal).WithTags("Register").WithName("ResealPersonalData").WithSummary("Reseal personal data under the current key")
            .Requires(Capability.ResealPersonalData);
    }

    public sealed record ReasonBody(string? Reason);

    public sealed record PlacedAddress(int Id, string Canonical, int GridId, int? PoliceDistrictId, double Longitude, double Latitude, bool Created);

    public sealed record CollectedRecord(int Id, RecordStatus Status);

    public sealed record Resealed(int Moved);

    static async Task<Ok<Resealed>> Reseal(ResealPersonalData reseal, CancellationToken ct) => TypedResults.Ok(new Resealed(await reseal.RunAsync(ct)));

    static async Task<Results<Created<PlacedAddress>, Ok<PlacedAddress>, ProblemHttpResult>> PlaceAddressAsync(AddressForm form, PlaceAddress places,
        AccessPolicy access, AuditTrail audit, PoliceGridDb db)
    {
        var viewer = await access.CurrentAsync();
        if (!viewer.CanCollect())
            return Problem(Result.Forbidden(CollectResident.NotACollector));
        var placed = await places.FindOrCreateAsync(form, viewer);
        if (placed.Address is not { } address)
            return Problem(Result.Invalid(placed.Problems));
        if (placed.Created)
        {
            await db.SaveChangesAsync();
            await audit.WriteAsync("register.address", "StandardAddress", Id(address.Id), detail: address.Canonical);
        }
        var body = new PlacedAddress(address.Id, address.Canonical, address.GridId, address.PoliceDistrictId, address.Longitude, address.Latitude, placed.Created);
        return placed.Created ? TypedResults.Created($"/api/addresses/{address.Id}", body) : TypedResults.Ok(body);
    }

    static async Task<Ok<IReadOnlyList<ResidentRow>>> ListResidents([AsParameters] RegisterQuery query, RegisterQueries queries, AccessPolicy access, AuditTrail audit)
    {
        var viewer = await access.CurrentAsync();
        var rows = await queries.ResidentRowsAsync(await queries.ResidentsAsync(query, viewer), query, viewer);
        await audit.ListedAsync("resident", query, rows.Count);
        return TypedResults.Ok(rows);
    }

    static async Task<Results<Created<CollectedRecord>, ProblemHttpResult, RetryAfterResult>> CollectResidentAsync(ResidentForm form, CollectResident collect, AccessPolicy access) =>
        Collected(await collect.CreateAsync(form, await access.CurrentAsync()), "residents");

    static async Task<Results<Created<CollectedRecord>, ProblemHttpResult, RetryAfterResult>> ChangeResident(int id, ResidentForm form, CollectResident collect, AccessPolicy access) =>
        await ChangedAsync(await collect.UpdateAsync(id, form, await access.CurrentAsync()), "resident", id, access);

    static async Task<Results<Ok<ResidentDetails>, ProblemHttpResult>> GetResident(int id, RegisterQueries queries, AccessPolicy access) =>
        await queries.ResidentDetailsAsync(id, await access.CurrentAsync()) is { } details ? TypedResults.Ok(details) : await access.OutOfScope("resident", Id(id));

    static async Task<Results<Ok<RevealPersonalData.Revealed>, ProblemHttpResult>> RevealResident(int id, ReasonBody body, RevealPersonalData reveal, AccessPolicy access)
    {
        var result = await reveal.ResidentAsync(id, body.Reason, await access.CurrentAsync());
        if (result.Outcome == Outcome.NotFound)
            return await access.OutOfScope("resident", Id(id));
        return result.ToOk();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> SamePerson(int id, PoliceGridDb db, AccessPolicy access, TimeProvider clock)
    {
        var viewer = await access.CurrentAsync();
        var resident = await db.Set<Resident>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id);
        if (resident is null || !AccessPolicy.InArea(resident.AreaPath, viewer))
            return await access.OutOfScope("resident", Id(id));
        db.Add(new DuplicatePrevented { At = clock.GetUtcNow().UtcDateTime, ExistingResidentId = id, AreaPath = resident.AreaPath, AccountId = viewer.AccountId });
        await db.SaveChangesAsync();
        return TypedResults.NoContent();
    }

    static async Task<Ok<IReadOnlyList<HouseRow>>> ListHouses([AsParameters] RegisterQuery query, RegisterQueries queries, AccessPolicy access, AuditTrail audit)
    {
        var rows = await queries.HousesAsync(query, await access.CurrentAsync());
        await audit.ListedAsync("house", query, rows.Count);
        return TypedResults.Ok(rows);
    }

    static async Task<Results<Created<CollectedRecord>, ProblemHttpResult, RetryAfterResult>> CollectHouseAsync(HouseForm form, CollectHouse collect, AccessPolicy access) =>
        Collected(await collect.CreateAsync(form, await access.CurrentAsync()), "houses");

    static async Task<Results<Ok<HouseDetails>, ProblemHttpResult>> GetHouse(int id, RegisterQueries queries, AccessPolicy access) =>
        await queries.HouseDetailsAsync(id, await access.CurrentAsync()) is { } details ? TypedResults.Ok(details) : await access.OutOfScope("house", Id(id));

    static async Task<Results<Created<CollectedRecord>, ProblemHttpResult, RetryAfterResult>> ChangeHouse(int id, HouseForm form, CollectHouse collect, AccessPolicy access) =>
        await ChangedAsync(await collect.UpdateAsync(id, form, await access.CurrentAsync()), "house", id, access);

    static async Task<Ok<IReadOnlyList<OrganisationRow>>> ListOrganisations([AsParameters] RegisterQuery query, RegisterQueries queries, AccessPolicy access, AuditTrail audit)
    {
        var rows = await queries.OrganisationsAsync(query, await access.CurrentAsync());
        await audit.ListedAsync("organisation", query, rows.Count);
        return TypedResults.Ok(rows);
    }

    static async Task<Results<Created<CollectedRecord>, ProblemHttpResult, RetryAfterResult>> CollectOrganisationAsync(OrganisationForm form, CollectOrganisation collect, AccessPolicy access) =>
        Collected(await collect.CreateAsync(form, await access.CurrentAsync()), "organisations");

    static async Task<Results<Ok<OrganisationDetails>, ProblemHttpResult>> GetOrganisation(int id, RegisterQueries queries, AccessPolicy access) =>
        await queries.OrganisationDetailsAsync(id, await access.CurrentAsync()) is { } details ? TypedResults.Ok(details) : await access.OutOfScope("organisation", Id(id));

    static async Task<Results<Created<CollectedRecord>, ProblemHttpResult, RetryAfterResult>> ChangeOrganisation(int id, OrganisationForm form, CollectOrganisation collect, AccessPolicy access) =>
        await ChangedAsync(await collect.UpdateAsync(id, form, await access.CurrentAsync()), "organisation", id, access);

    /// <summary>A change to a record in the caller's area; any other id looks like one that does not exist, and is audited.</summary>
    static async Task<Results<Created<CollectedRecord>, ProblemHttpResult, RetryAfterResult>> ChangedAsync(Result<CollectResult> result, string recordType, int id, AccessPolicy access) =>
        result.Outcome == Outcome.NotFound ? await access.OutOfScope(recordType, Id(id)) : Collected(result, recordType + "s");

    static async Task<Ok<IReadOnlyList<ChangeRow>>> Queue(RegisterQueries queries, AccessPolicy access) =>
        TypedResults.Ok(await queries.QueueAsync(await access.CurrentAsync()));

    static async Task<Ok<IReadOnlyList<ChangeRow>>> Returned(RegisterQueries queries, AccessPolicy access) =>
        TypedResults.Ok(await queries.ReturnedToAsync(await access.CurrentAsync()));

    static async Task<Results<NoContent, ProblemHttpResult>> Verify(long id, VerifyRecord verify, AccessPolicy access) =>
        await DecidedAsync(await verify.VerifyAsync(id, await access.CurrentAsync()), "register-change", id, access);

    static async Task<Results<NoContent, ProblemHttpResult>> Return(long id, ReasonBody body, VerifyRecord verify, AccessPolicy access) =>
        await DecidedAsync(await verify.ReturnAsync(id, body.Reason, await access.CurrentAsync()), "register-change", id, access);

    static async Task<Ok<IReadOnlyList<ResidenceCheckRow>>> ResidenceChecks(DecideResidenceCheck checks, AccessPolicy access) =>
        TypedResults.Ok(await checks.OpenAsync(await access.CurrentAsync()));

    static async Task<Results<NoContent, ProblemHttpResult>> ConfirmMove(long id, DecideResidenceCheck checks, AccessPolicy access) =>
        await DecidedAsync(await checks.ConfirmAsync(id, await access.CurrentAsync()), "residence-check", id, access);

    static async Task<Results<NoContent, ProblemHttpResult>> RejectMove(long id, DecideResidenceCheck checks, AccessPolicy access) =>
        await DecidedAsync(await checks.RejectAsync(id, await access.CurrentAsync()), "residence-check", id, access);

    /// <summary>A decision on a record the caller may not see answers as one that does not exist, and is audited.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DecidedAsync(Result result, string recordType, long id, AccessPolicy access) =>
        result.Outcome == Outcome.NotFound ? await access.OutOfScope(recordType, id.ToString(CultureInfo.InvariantCulture)) : result.ToNoContent();

    static async Task<Results<Ok<IReadOnlyList<RegisterFigure>>, ProblemHttpResult>> Figures(int? unitId, RegisterFigures figures, AccessPolicy access) =>
        await figures.ForAsync(unitId, await access.CurrentAsync()) is { } rows ? TypedResults.Ok(rows) : await access.OutOfScope("unit", Id(unitId ?? 0));

    /// <summary>A collection or change as HTTP: 201 with the record, or the problem with what the collector is shown besides.</summary>
    static Results<Created<CollectedRecord>, ProblemHttpResult, RetryAfterResult> Collected(Result<CollectResult> result, string collection)
    {
        if (result.IsDone)
            return TypedResults.Created($"/api/{collection}/{result.Value!.Id}", new CollectedRecord(result.Value.Id, result.Value.Status));
        return result.Value switch
        {
            { RetryAfter: { } wait } => new RetryAfterResult(Problems.Of(StatusCodes.Status429TooManyRequests, result.Message!), wait),
            { Elsewhere: true } => Problem(result, new { code = "registered-elsewhere" }),
            { Existing: { } existing } => Problem(result, new { code = "existing", existing }),
            { LikelyDuplicates: { Count: > 0 } likely } => Problem(result, new { code = "likely-duplicates", likely }),
            _ => Problem(result),
        };
    }

    /// <summary>
    /// <see cref="ResultHttp.ToProblem"/> with the register's <c>errors</c>: field problems as a list in the order found (the
    /// register's clients read them so), or what the collector is shown of a duplicate.
    /// </summary>
    public static ProblemHttpResult Problem(Result result, object? errors = null)
    {
        var problem = result.ToProblem();
        if (errors is not null || result.FieldProblems.Count > 0)
            problem.ProblemDetails.Extensions["errors"] = errors ?? result.FieldProblems.Select(p => new { p.Field, p.Message.Zh, p.Message.En }).ToList();
        return problem;
    }

    /// <summary>A 429 that says when to come back.</summary>
    public sealed class RetryAfterResult(ProblemHttpResult inner, TimeSpan wait) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
