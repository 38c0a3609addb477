using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
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
        builder.Services.AddScoped<CollectResident>();
        builder.Services.AddScoped<CollectHouse>();
        builder.Services.AddScoped<CollectOrganisation>();
        builder.Services.AddScoped<VerifyRecord>();
        builder.Services.AddScoped<RegisterQueries>();
        builder.Services.AddScoped<RevealPersonalData>();
        builder.Services.AddScoped<RegisterFigures>();
        builder.Services.AddScoped<RegisterDemo>();
        builder.Services.AddScoped<ResealPersonalData>();
        builder.Services.AddRegisterBulk();
    }

    public static void MapRegisterApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").Requires(Capability.ReadRegister);
        api.MapPost("/addresses", PlaceAddressAsync).WithName("PlaceAddress").Requires(Capability.CollectRegister);
        api.MapGet("/residents", ListResidents).WithName("ListResidents");
        api.MapPost("/residents", CollectResidentAsync).WithName("CollectResident").Requires(Capability.CollectRegister);
        api.MapGet("/residents/{id:int}", GetResident).WithName("GetResident");
        api.MapPut("/residents/{id:int}", ChangeResident).WithName("ChangeResident").Requires(Capability.CollectRegister);
        api.MapPost("/residents/{id:int}/reveal", RevealResident).WithName("RevealResident").Requires(Capability.RevealPersonalData);
        api.MapPost("/residents/{id:int}/same-person", SamePerson).WithName("MarkSamePerson").Requires(Capability.CollectRegister);
        api.MapGet("/houses", ListHouses).WithName("ListHouses");
        api.MapPost("/houses", CollectHouseAsync).WithName("CollectHouse").Requires(Capability.CollectRegister);
        api.MapGet("/houses/{id:int}", GetHouse).WithName("GetHouse");
        api.MapPut("/houses/{id:int}", ChangeHouse).WithName("ChangeHouse").Requires(Capability.CollectRegister);
        api.MapGet("/organisations", ListOrganisations).WithName("ListOrganisations");
        api.MapPost("/organisations", CollectOrganisationAsync).WithName("CollectOrganisation").Requires(Capability.CollectRegister);
        api.MapGet("/organisations/{id:int}", GetOrganisation).WithName("GetOrganisation");
        api.MapPut("/organisations/{id:int}", ChangeOrganisation).WithName("ChangeOrganisation").Requires(Capability.CollectRegister);
        api.MapGet("/register/queue", Queue).WithName("VerificationQueue").Requires(Capability.VerifyRegister);
        api.MapGet("/register/returned", Returned).WithName("ReturnedRecords").Requires(Capability.CollectRegister);
        api.MapPost("/register/changes/{id:long}/verify", Verify).WithName("VerifyRecord").Requires(Capability.VerifyRegister);
        api.MapPost("/register/changes/{id:long}/return", Return).WithName("ReturnRecord").Requires(Capability.VerifyRegister);
        api.MapGet("/register/residence-checks", ResidenceChecks).WithName("ResidenceChecks").Requires(Capability.VerifyRegister);
        api.MapPost("/register/residence-checks/{id:long}/confirm", ConfirmMove).WithName("ConfirmResidenceChange").Requires(Capability.VerifyRegister);
        api.MapPost("/register/residence-checks/{id:long}/reject", RejectMove).WithName("RejectResidenceChange").Requires(Capability.VerifyRegister);
        api.MapGet("/register/figures", Figures).WithName("RegisterFigures");
        api.MapRegisterBulkApi();

        // Key rotation is security work: the security administrator runs it and sees no personal data doing so.
        app.MapPost("/api/register/reseal", async (ResealPersonalData reseal, CancellationToken ct) => TypedResults.Ok(new { moved = await reseal.RunAsync(ct) }))
            .Requires(Capability.ResealPersonalData).WithName("ResealPersonalData");
    }

    public sealed record ReasonBody(string? Reason);

    static async Task<IResult> PlaceAddressAsync(AddressForm form, PlaceAddress places, AccessPolicy access, AuditTrail audit, PoliceGridDb db)
    {
        var viewer = await access.CurrentAsync();
        if (!viewer.CanCollect())
            return Answer(CollectResult.NotACollector, "addresses");
        var placed = await places.FindOrCreateAsync(form, viewer);
        if (placed.Address is not { } address)
            return Invalid(placed.Problems);
        if (placed.Created)
        {
            await db.SaveChangesAsync();
            await audit.WriteAsync("register.address", "StandardAddress", Id(address.Id), detail: address.Canonical);
        }
        var body = new { address.Id, address.Canonical, address.GridId, address.PoliceDistrictId, address.Longitude, address.Latitude, placed.Created };
        return placed.Created ? TypedResults.Created($"/api/addresses/{address.Id}", body) : TypedResults.Ok(body);
    }

    static async Task<Ok<IReadOnlyList<ResidentRow>>> ListResidents([AsParameters] RegisterQuery query, RegisterQueries queries, AccessPolicy access, AuditTrail audit)
    {
        var viewer = await access.CurrentAsync();
        var rows = await queries.ResidentRowsAsync(await queries.ResidentsAsync(query, viewer), query, viewer);
        await audit.ListedAsync("resident", query, rows.Count);
        return TypedResults.Ok(rows);
    }

    static async Task<IResult> CollectResidentAsync(ResidentForm form, CollectResident collect, AccessPolicy access) =>
        Answer(await collect.CreateAsync(form, await access.CurrentAsync()), "residents");

    static Task<IResult> ChangeResident(int id, ResidentForm form, CollectResident collect, AccessPolicy access, PoliceGridDb db) =>
        ChangeAsync<Resident>(id, "resident", (r, viewer) => collect.UpdateAsync(r, form, viewer), access, db);

    static async Task<IResult> GetResident(int id, RegisterQueries queries, AccessPolicy access) =>
        await queries.ResidentDetailsAsync(id, await access.CurrentAsync()) is { } details
            ? TypedResults.Ok(details)
            : await access.OutOfScope("resident", Id(id));

    static async Task<IResult> RevealResident(int id, ReasonBody body, RevealPersonalData reveal, AccessPolicy access)
    {
        var result = await reveal.ResidentAsync(id, body.Reason, await access.CurrentAsync());
        return result switch
        {
            { Problem: { } problem } => Problems.BadRequest(problem),
            { Values: { } values } => TypedResults.Ok(values),
            _ => await access.OutOfScope("resident", Id(id)),
        };
    }

    static async Task<IResult> SamePerson(int id, PoliceGridDb db, AccessPolicy access, TimeProvider clock)
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

    static async Task<IResult> CollectHouseAsync(HouseForm form, CollectHouse collect, AccessPolicy access) =>
        Answer(await collect.CreateAsync(form, await access.CurrentAsync()), "houses");

    static async Task<IResult> GetHouse(int id, RegisterQueries queries, AccessPolicy access) =>
        await queries.HouseDetailsAsync(id, await access.CurrentAsync()) is { } details ? TypedResults.Ok(details) : await access.OutOfScope("house", Id(id));

    static Task<IResult> ChangeHouse(int id, HouseForm form, CollectHouse collect, AccessPolicy access, PoliceGridDb db) =>
        ChangeAsync<House>(id, "house", (h, viewer) => collect.UpdateAsync(h, form, viewer), access, db);

    static async Task<Ok<IReadOnlyList<OrganisationRow>>> ListOrganisations([AsParameters] RegisterQuery query, RegisterQueries queries, AccessPolicy access, AuditTrail audit)
    {
        var rows = await queries.OrganisationsAsync(query, await access.CurrentAsync());
        await audit.ListedAsync("organisation", query, rows.Count);
        return TypedResults.Ok(rows);
    }

    static async Task<IResult> CollectOrganisationAsync(OrganisationForm form, CollectOrganisation collect, AccessPolicy access) =>
        Answer(await collect.CreateAsync(form, await access.CurrentAsync()), "organisations");

    static async Task<IResult> GetOrganisation(int id, RegisterQueries queries, AccessPolicy access) =>
        await queries.OrganisationDetailsAsync(id, await access.CurrentAsync()) is { } details ? TypedResults.Ok(details) : await access.OutOfScope("organisation", Id(id));

    static Task<IResult> ChangeOrganisation(int id, OrganisationForm form, CollectOrganisation collect, AccessPolicy access, PoliceGridDb db) =>
        ChangeAsync<Organisation>(id, "organisation", (o, viewer) => collect.UpdateAsync(o, form, viewer), access, db);

    /// <summary>A change to a record in the caller's area; any other id looks like one that does not exist.</summary>
    static async Task<IResult> ChangeAsync<T>(int id, string recordType, Func<T, Viewer, Task<CollectResult>> update, AccessPolicy access, PoliceGridDb db)
        where T : RegisterRecord
    {
        var viewer = await access.CurrentAsync();
        var record = await db.Set<T>().SingleOrDefaultAsync(r => r.Id == id);
        if (record is null || !AccessPolicy.InArea(record.AreaPath, viewer))
            return await access.OutOfScope(recordType, Id(id));
        return Answer(await update(record, viewer), recordType + "s");
    }

    static async Task<Ok<IReadOnlyList<ChangeRow>>> Queue(RegisterQueries queries, AccessPolicy access) =>
        TypedResults.Ok(await queries.QueueAsync(await access.CurrentAsync()));

    static async Task<Ok<IReadOnlyList<ChangeRow>>> Returned(RegisterQueries queries, AccessPolicy access) =>
        TypedResults.Ok(await queries.ReturnedToAsync(await access.CurrentAsync()));

    static async Task<IResult> Verify(long id, VerifyRecord verify, AccessPolicy access) =>
        await Decided(await verify.VerifyAsync(id, await access.CurrentAsync()), id, access);

    static async Task<IResult> Return(long id, ReasonBody body, VerifyRecord verify, AccessPolicy access) =>
        await Decided(await verify.ReturnAsync(id, body.Reason, await access.CurrentAsync()), id, access);

    static async Task<Ok<IReadOnlyList<ResidenceCheckRow>>> ResidenceChecks(DecideResidenceCheck checks, AccessPolicy access) =>
        TypedResults.Ok(await checks.OpenAsync(await access.CurrentAsync()));

    static async Task<IResult> ConfirmMove(long id, DecideResidenceCheck checks, AccessPolicy access) =>
        await Decided(await checks.ConfirmAsync(id, await access.CurrentAsync()), id, access, "residence-check");

    static async Task<IResult> RejectMove(long id, DecideResidenceCheck checks, AccessPolicy access) =>
        await Decided(await checks.RejectAsync(id, await access.CurrentAsync()), id, access, "residence-check");

    static async Task<IResult> Decided(VerifyRecord.Result result, long id, AccessPolicy access, string recordType = "register-change") => result.Outcome switch
    {
        VerifyRecord.Outcome.Done => TypedResults.NoContent(),
        VerifyRecord.Outcome.NotFound => await access.OutOfScope(recordType, id.ToString(CultureInfo.InvariantCulture)),
        VerifyRecord.Outcome.Forbidden => Problems.Of(StatusCodes.Status403Forbidden, result.Message!),
        VerifyRecord.Outcome.Conflict => Problems.Conflict(result.Message!),
        _ => Problems.BadRequest(result.Message!),
    };

    static async Task<IResult> Figures(int? unitId, RegisterFigures figures, AccessPolicy access) =>
        await figures.ForAsync(unitId, await access.CurrentAsync()) is { } rows ? TypedResults.Ok(rows) : await access.OutOfScope("unit", Id(unitId ?? 0));

    /// <summary>The one mapping from a collection's outcome to HTTP, shared by every record type.</summary>
    public static IResult Answer(CollectResult result, string collection)
    {
        if (result is { RetryAfter: { } wait, Refusal: { } tooMany })
            return new RetryAfterResult(Problems.Of(StatusCodes.Status429TooManyRequests, tooMany), wait);
        if (result is { Elsewhere: true, Refusal: { } elsewhere })
            return Problems.Of(StatusCodes.Status409Conflict, elsewhere, new { code = "registered-elsewhere" });
        if (result.Refusal is { } refusal)
            return Problems.Of(result.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict, refusal);
        if (result.Problems.Count > 0)
            return Invalid(result.Problems);
        if (result.Existing is { } existing)
            return Problems.Of(StatusCodes.Status409Conflict,
                new Text($"已有同一记录：{existing.Name}（{existing.Address}），请勿重复采集", $"This is already on record: {existing.Name} ({existing.Address}); do not collect it twice"),
                new { code = "existing", existing });
        if (result.LikelyDuplicates is { Count: > 0 } likely)
            return Problems.Of(StatusCodes.Status409Conflict,
                new Text("可能已有此人，请核对；确认不是同一人时再提交（confirmNotDuplicate）", "This person may already be on record: check, and send again with confirmNotDuplicate if not"),
                new { code = "likely-duplicates", likely });
        return TypedResults.Created($"/api/{collection}/{result.Id}", new { result.Id, result.Status });
    }

    /// <summary>A 429 that says when to come back.</summary>
    sealed class RetryAfterResult(IResult inner, TimeSpan wait) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }

    static ProblemHttpResult Invalid(IReadOnlyList<FieldProblem> problems) =>
        Problems.BadRequest(problems[0].Message, problems.Select(p => new { p.Field, p.Message.Zh, p.Message.En }).ToList());

    static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
