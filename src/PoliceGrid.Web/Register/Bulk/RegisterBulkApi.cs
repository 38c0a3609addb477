using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Register.Bulk;

/// <summary>Bulk work on the register: ledger import and XLSX export with approval.</summary>
public static class RegisterBulkApi
{
    /// <summary>A ledger of a quarter of a million rows fits; larger ones are imported in parts.</summary>
    public const long MaxLedgerBytes = 64L * 1024 * 1024;

    public static void AddRegisterBulk(this IServiceCollection services)
    {
        services.AddScoped<ImportLedger>();
        services.AddScoped<ExportRegister>();
    }

    public static void MapRegisterBulkApi(this RouteGroupBuilder api)
    {
        api.MapPost("/register/import", Import).WithName("ImportLedger").WithSummary("Import a resident ledger (CSV or XLSX)").Requires(Capability.CollectRegister)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxLedgerBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxLedgerBytes });
        api.MapGet("/register/imports", Imports).WithName("ListImports").WithSummary("The caller's recent ledger imports").Requires(Capability.CollectRegister);
        api.MapGet("/register/imports/{id:long}/rejected", Rejected).WithName("DownloadRejectedRows").WithSummary("Download the rows an import rejected")
            .Requires(Capability.CollectRegister);
        api.MapPost("/register/exports", RequestExport).WithName("ExportRegister").WithSummary("Request an export of residents").Requires(Capability.ReadRegister);
        api.MapGet("/register/exports", Exports).WithName("ListExports").WithSummary("The caller's exports and those awaiting approval").Requires(Capability.ReadRegister);
        api.MapPost("/register/exports/{id:long}/approve", Approve).WithName("ApproveExport").WithSummary("Approve a large export").Requires(Capability.ApproveExports);
        api.MapPost("/register/exports/{id:long}/refuse", Refuse).WithName("RefuseExport").WithSummary("Refuse a large export with a reason").Requires(Capability.ApproveExports);
        api.MapGet("/register/exports/{id:long}/file", File).WithName("DownloadExport").WithSummary("Download a ready or approved export").Requires(Capability.ReadRegister);
    }

    public sealed record ImportRow(long Id, DateTime At, string FileName, int Rows, int Stored, int Duplicates, int Rejected, double Seconds);

    static async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> Import(IFormFile? file, ImportLedger import, AccessPolicy access, CancellationToken ct) =>
        (await RunImportAsync(file, import, await access.CurrentAsync(), ct)).ToOk();

    /// <summary>The one way both the API and the page hand an uploaded file to the import.</summary>
    public static Task<Result<ImportSummary>> RunImportAsync(IFormFile? file, ImportLedger import, Viewer viewer, CancellationToken ct) =>
        WithLedgerAsync(file, (stream, name) => import.RunAsync(stream, name, viewer, ct), ct);

    /// <summary>An uploaded ledger as a seekable stream (the readers look at its first bytes, then start again) with its file name.</summary>
    public static async Task<Result<T>> WithLedgerAsync<T>(IFormFile? file, Func<Stream, string, Task<Result<T>>> import, CancellationToken ct)
    {
        if (file is not { Length: > 0 })
            return Result.Invalid(new Text("Register.ChooseALedgerFileCSVOr")).As<T>();
        await using var upload = file.OpenReadStream();
        if (upload.CanSeek)
            return await import(upload, Path.GetFileName(file.FileName));
        await using var copy = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await upload.CopyToAsync(copy, ct);
        copy.Position = 0;
        return await import(copy, Path.GetFileName(file.FileName));
    }

    static async Task<Ok<List<ImportRow>>> Imports(Data.PoliceGridDb db, AccessPolicy access)
    {
        var viewer = await access.CurrentAsync();
        var runs = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Set<ImportRun>().Where(r => r.AccountId == viewer.AccountId).OrderByDescending(r => r.Id).Take(50)
                .Select(r => new ImportRow(r.Id, r.At, r.FileName, r.Rows, r.Stored, r.Duplicates, r.Rejected, r.Seconds)));
        return TypedResults.Ok(runs);
    }

    static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Rejected(long id, string? format, ImportLedger import, AccessPolicy access, Audit.AuditTrail audit)
    {
        var viewer = await access.CurrentAsync();
        if (await import.RejectedAsync(id, viewer) is not { } rejected)
            return await access.OutOfScope(nameof(ImportRun), id.ToString(CultureInfo.InvariantCulture));
        await audit.WriteAsync("register.import.rejected", nameof(ImportRun), id.ToString(CultureInfo.InvariantCulture), detail: $"{rejected.Rows.Count} rows, {format ?? "csv"}");
        var xlsx = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);
        var stream = new MemoryStream();
        if (xlsx)
            await Spreadsheet.WriteXlsxAsync(stream, "未导入的行", RejectedFile.Rows(rejected));
        else
            await Spreadsheet.WriteCsvAsync(stream, RejectedFile.Rows(rejected));
        stream.Position = 0;
        return TypedResults.File(stream, xlsx ? Spreadsheet.XlsxType : Spreadsheet.CsvType, $"rejected-{id}.{(xlsx ? "xlsx" : "csv")}");
    }

    static async Task<Results<Ok<ExportRow>, ProblemHttpResult>> RequestExport(ExportFilters filters, ExportRegister export, AccessPolicy access) =>
        (await export.RequestAsync(filters, await access.CurrentAsync())).ToOk();

    static async Task<Ok<IReadOnlyList<ExportRow>>> Exports(ExportRegister export, AccessPolicy access) =>
        TypedResults.Ok(await export.ListAsync(await access.CurrentAsync()));

    static async Task<Results<Ok<ExportRow>, ProblemHttpResult>> Approve(long id, ExportRegister export, AccessPolicy access) =>
        await AnswerAsync(await export.ApproveAsync(id, await access.CurrentAsync()), id, access);

    static async Task<Results<Ok<ExportRow>, ProblemHttpResult>> Refuse(long id, RegisterApi.ReasonBody body, ExportRegister export, AccessPolicy access) =>
        await AnswerAsync(await export.RefuseAsync(id, body.Reason, await access.CurrentAsync()), id, access);

    static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> File(long id, ExportRegister export, AccessPolicy access, CancellationToken ct)
    {
        var stream = new MemoryStream();
        var result = await export.WriteFileAsync(id, await access.CurrentAsync(), stream, ct);
        if (!result.IsDone)
            return result.Outcome == Outcome.NotFound ? await access.OutOfScope(nameof(ExportRequest), id.ToString(CultureInfo.InvariantCulture)) : result.ToProblem();
        stream.Position = 0;
        return TypedResults.File(stream, Spreadsheet.XlsxType, $"residents-{id}.xlsx");
    }

    /// <summary>An export the caller may not see answers as one that does not exist, and is audited.</summary>
    static async Task<Results<Ok<ExportRow>, ProblemHttpResult>> AnswerAsync(Result<ExportRow> result, long id, AccessPolicy access) =>
        result.Outcome == Outcome.NotFound ? await access.OutOfScope(nameof(ExportRequest), id.ToString(CultureInfo.InvariantCulture)) : result.ToOk();
}

/// <summary>The rejected rows as a file: where and why first, then the row as it was, so it can be corrected and imported again.</summary>
public static class RejectedFile
{
    static readonly string[] Leading = ["行号", "列", "原因", "Reason"];

    public static IEnumerable<IReadOnlyList<string?>> Rows(RejectedLedger rejected)
    {
        yield return Leading.Concat(rejected.Headers).ToList();
        foreach (var row in rejected.Rows)
        {
            yield return new[]
            {
                row.Row.ToString(CultureInfo.InvariantCulture),
                string.Join("；", row.Problems.Select(p => p.Column).Distinct()),
                string.Join("；", row.Problems.Select(p => p.Zh)),
                string.Join("; ", row.Problems.Select(p => p.En)),
            }.Concat(row.Values).ToList();
        }
    }
}
