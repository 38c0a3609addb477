using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Register.Bulk;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Staff;

public static class StaffApi
{
    public static void AddStaff(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<StaffStore>();
        builder.Services.AddScoped<StaffQueries>();
        builder.Services.AddScoped<HandBackWork>();
        builder.Services.AddScoped<CreateStaff>();
        builder.Services.AddScoped<EditStaff>();
        builder.Services.AddScoped<TransferStaff>();
        builder.Services.AddScoped<DeactivateStaff>();
        builder.Services.AddScoped<ImportStaff>();
        builder.Services.AddScoped<KeepDepartments>();
        builder.Services.AddScoped<GiveSignIn>();
        builder.Services.AddScoped<IPersonRecords, OnePersonOneAccount>();
    }

    public sealed record TransferRequest(string? UnitCode);

    public sealed record DeactivateRequest(string? Reason);

    public sealed record SignInRequest(string? UserName);

    public sealed record DepartmentRequest(string? Name, string? NameEn);

    public sealed record DepartmentRow(int Id, string Name, string NameEn, bool Retired);

    public static void MapStaffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/staff").WithTags("Staff").Requires(Capability.KeepStaff);
        api.MapGet("/", List).WithName("ListStaff").WithSummary("List and search the staff the caller keeps");
        api.MapGet("/{id:int}", Get).WithName("GetStaff").WithSummary("Get a person's staff record and its history");
        api.MapPost("/", Create).WithName("CreateStaff").WithSummary("Add a person to the staff (no sign-in)");
        api.MapPut("/{id:int}", Edit).WithName("EditStaff").WithSummary("Correct a person's staff record");
        api.MapPost("/{id:int}/transfer", Transfer).WithName("TransferStaff").WithSummary("Move a person to another unit; her open tasks go back to the old unit");
        api.MapPost("/{id:int}/deactivate", Deactivate).WithName("DeactivateStaff").WithSummary("A person leaves: her record stays, her open tasks go back to her unit");
        api.MapPost("/{id:int}/reactivate", Reactivate).WithName("ReactivateStaff").WithSummary("Bring a deactivated person back");
        api.MapPost("/{id:int}/sign-in", GiveSignIn).WithName("GiveSignIn").Requires(Capability.ManageOperationalAccounts)
            .WithSummary("Give a person on the staff who has none a sign-in: the answer holds her one-time first password, shown this once");
        api.MapPost("/import", Import).WithName("ImportStaff").WithSummary("Import a staff ledger (CSV or XLSX)")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(RegisterBulkApi.MaxLedgerBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = RegisterBulkApi.MaxLedgerBytes });

        var departments = app.MapGroup("/api/departments").WithTags("Staff");
        departments.MapGet("/", Departments).WithName("ListDepartments").WithSummary("The departments whose officers handle department work")
            .Requires(Capability.KeepStaff, Capability.KeepDepartments, Capability.ManageOperationalAccounts);
        departments.MapPost("/", AddDepartment).WithName("AddDepartment").WithSummary("Add a department").Requires(Capability.KeepDepartments);
        departments.MapPost("/{id:int}/retire", Retire).WithName("RetireDepartment").WithSummary("Retire a department").Requires(Capability.KeepDepartments);
        departments.MapPost("/{id:int}/restore", Restore).WithName("RestoreDepartment").WithSummary("Bring a retired department back").Requires(Capability.KeepDepartments);
    }

    static async Task<Ok<StaffQueries.Page>> List(string? q, Role? role, bool? active, int? page, AccessPolicy access, StaffQueries queries) =>
        TypedResults.Ok(await queries.ListAsync(await access.CurrentAsync(), new StaffQueries.Filter(q, role, active, page ?? 1)));

    static async Task<Results<Ok<StaffQueries.Details>, ProblemHttpResult>> Get(int id, AccessPolicy access, StaffQueries queries) =>
        await queries.DetailsAsync(await access.CurrentAsync(), id) is { } found
            ? TypedResults.Ok(found)
            : await access.OutOfScope("account", id.ToString(CultureInfo.InvariantCulture));

    static async Task<Results<Created<int>, ProblemHttpResult>> Create(StaffInput input, AccessPolicy access, CreateStaff create)
    {
        var result = await create.RunAsync(await access.CurrentAsync(), input);
        return result.IsDone ? TypedResults.Created($"/api/staff/{result.Value}", result.Value) : result.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Edit(int id, StaffInput input, AccessPolicy access, EditStaff edit) =>
        (await edit.RunAsync(await access.CurrentAsync(), id, input)).ToNoContent();

    static async Task<Results<Ok<TransferStaff.Moved>, ProblemHttpResult>> Transfer(int id, TransferRequest request, AccessPolicy access, TransferStaff transfer) =>
        (await transfer.RunAsync(await access.CurrentAsync(), id, request.UnitCode)).ToOk();

    static async Task<Results<Ok<TransferStaff.Moved>, ProblemHttpResult>> Deactivate(int id, DeactivateRequest request, AccessPolicy access, DeactivateStaff deactivate) =>
        (await deactivate.RunAsync(await access.CurrentAsync(), id, request.Reason)).ToOk();

    static async Task<Results<NoContent, ProblemHttpResult>> Reactivate(int id, AccessPolicy access, DeactivateStaff deactivate) =>
        (await deactivate.ReactivateAsync(await access.CurrentAsync(), id)).ToNoContent();

    static async Task<Results<Ok<GiveSignIn.Given>, ProblemHttpResult>> GiveSignIn(int id, SignInRequest request, AccessPolicy access, GiveSignIn give) =>
        (await give.RunAsync(await access.CurrentAsync(), id, request.UserName)).ToOk();

    static async Task<Results<Ok<StaffImportSummary>, ProblemHttpResult>> Import(IFormFile? file, ImportStaff import, AccessPolicy access, CancellationToken ct)
    {
        var viewer = await access.CurrentAsync();
        return (await RegisterBulkApi.WithLedgerAsync(file, (stream, name) => import.RunAsync(stream, name, viewer, ct), ct)).ToOk();
    }

    static async Task<Ok<List<DepartmentRow>>> Departments(StaffQueries queries) =>
        TypedResults.Ok((await queries.DepartmentsAsync()).Select(d => new DepartmentRow(d.Id, d.Name, d.NameEn, d.RetiredAt is not null)).ToList());

    static async Task<Results<Created<int>, ProblemHttpResult>> AddDepartment(DepartmentRequest request, KeepDepartments keep)
    {
        var result = await keep.AddAsync(request.Name, request.NameEn);
        return result.IsDone ? TypedResults.Created($"/api/departments/{result.Value}", result.Value) : result.ToProblem();
    }

    static async Task<Results<NoContent, ProblemHttpResult>> Retire(int id, KeepDepartments keep) => (await keep.RetireAsync(id, retire: true)).ToNoContent();

    static async Task<Results<NoContent, ProblemHttpResult>> Restore(int id, KeepDepartments keep) => (await keep.RetireAsync(id, retire: false)).ToNoContent();
}
