using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Disputes;

public static class DisputesApi
{
    public static void AddDisputes(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DisputesOptions>().BindConfiguration("Disputes").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<DisputeSteps>();
        builder.Services.AddScoped<MediatorPool>();
        builder.Services.AddScoped<OpenDispute>();
        builder.Services.AddScoped<ActOnDispute>();
        builder.Services.AddScoped<ChooseMediator>();
        builder.Services.AddScoped<RecordSession>();
        builder.Services.AddScoped<RecordAgreement>();
        builder.Services.AddScoped<KeepMediators>();
        builder.Services.AddScoped<DisputeQueries>();
        builder.Services.AddScoped<DisputeFigures>();
        builder.Services.AddScoped<SweepDisputes>();
        builder.Services.AddScoped<DisputesDemo>();
        builder.Services.AddHostedService<DisputeSweep>();
    }

    public static void MapDisputesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/disputes").WithTags("Disputes").Requires(Capability.HandleDisputes, Capability.MediateDisputes);
        api.MapPost("/", Open).WithName("OpenDispute").WithSummary("Open a dispute case").Requires(Capability.HandleDisputes);
        api.MapGet("/", List).WithName("ListDisputes").WithSummary("List the dispute cases the viewer may see");
        api.MapGet("/{id:int}", Get).WithName("GetDispute").WithSummary("Get a dispute case in full");
        api.MapGet("/{id:int}/suggestions", Suggestions).WithName("SuggestMediators").WithSummary("Rank the pool's mediators for a case, with reasons and conflicts")
            .Requires(Capability.HandleDisputes);
        api.MapPost("/{id:int}/choices", Choose).WithName("ChooseMediator").WithSummary("Record a party's choice of a mediator").Requires(Capability.HandleDisputes);
        api.MapPost("/{id:int}/assess", (int id, ActOnDispute.Request r, AccessPolicy a, ActOnDispute act) => Act(id, DisputeAction.Assess, r, a, act))
            .WithName("AssessDispute").WithSummary("Assess the risk and what is at stake");
        api.MapPost("/{id:int}/hand-over", (int id, ActOnDispute.Request r, AccessPolicy a, ActOnDispute act) => Act(id, DisputeAction.HandOver, r, a, act))
            .WithName("HandOverDispute").WithSummary("Hand the case to the people's mediation committee (jing-tiao hand-over)");
        api.MapPost("/{id:int}/invite-adviser", (int id, ActOnDispute.Request r, AccessPolicy a, ActOnDispute act) => Act(id, DisputeAction.InviteAdviser, r, a, act))
            .WithName("InviteLegalAdviser").WithSummary("Invite the village legal adviser to join the case (police-legal joint mediation)");
        api.MapPost("/{id:int}/refer", (int id, ActOnDispute.Request r, AccessPolicy a, ActOnDispute act) => Act(id, DisputeAction.Refer, r, a, act))
            .WithName("ReferDispute").WithSummary("Refer the case to the township centre, a court, arbitration or a department");
        api.MapPost("/{id:int}/carried-out", (int id, ActOnDispute.Request r, AccessPolicy a, ActOnDispute act) => Act(id, DisputeAction.CarryOut, r, a, act))
            .WithName("MarkAgreementCarriedOut").WithSummary("Mark the agreement carried out");
        api.MapPost("/{id:int}/follow-up", (int id, ActOnDispute.Request r, AccessPolicy a, ActOnDispute act) => Act(id, DisputeAction.FollowUp, r, a, act))
            .WithName("RecordFollowUp").WithSummary("Record a follow-up visit");
        api.MapPost("/{id:int}/close", (int id, ActOnDispute.Request r, AccessPolicy a, ActOnDispute act) => Act(id, DisputeAction.Close, r, a, act))
            .WithName("CloseDispute").WithSummary("Close the case");
        api.MapPost("/{id:int}/escalate", (int id, ActOnDispute.Request r, AccessPolicy a, ActOnDispute act) => Act(id, DisputeAction.Escalate, r, a, act))
            .WithName("EscalateDispute").WithSummary("Escalate the case one level");
        api.MapPost("/{id:int}/sessions", Session).WithName("RecordSession").WithSummary("Record a mediation session");
        api.MapPost("/{id:int}/agreement", Agreement).WithName("RecordAgreement").WithSummary("Record the agreement, its obligations and deadlines");
        api.MapPost("/{id:int}/agreement/signed", UploadSigned).WithName("UploadSignedAgreement").WithSummary("Upload the signed agreement").DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data");
        api.MapGet("/{id:int}/agreement/signed", SignedCopy).WithName("GetSignedAgreement").WithSummary("Get the signed agreement");
        api.MapGet("/figures", Figures).WithName("GetDisputeFigures").WithSummary("Get the dispute figures of an area with the year before")
            .Requires(Capability.HandleDisputes);

        var pool = app.MapGroup("/api/mediators").WithTags("Disputes").Requires(Capability.HandleDisputes);
        pool.MapGet("/", Pool).WithName("ListMediators").WithSummary("List the mediator pools of the viewer's area with load and results");
        pool.MapPost("/", AddMediator).WithName("AddMediator").WithSummary("Add a mediator to a township's or the county's pool").Requires(Capability.KeepMediators);
    }

    static async Task<Results<Created<int>, ProblemHttpResult>> Open(OpenDispute.Request request, AccessPolicy access, OpenDispute open)
    {
        var result = await open.RunAsync(await access.CurrentAsync(), request);
        return result.IsDone ? TypedResults.Created($"/api/disputes/{result.Value!.Id}", result.Value.Id) : result.ToProblem();
    }

    static async Task<Ok<IReadOnlyList<DisputeQueries.Row>>> List([AsParameters] ListQuery query, AccessPolicy access, DisputeQueries queries) =>
        TypedResults.Ok(await queries.ListAsync(await access.CurrentAsync(), new DisputeQueries.Filter(query.UnitId, query.Type, query.Status, query.MediatorId,
            query.From, query.To, query.Figure, query.Overdue ?? false)));

    public sealed record ListQuery(int? UnitId, DisputeType? Type, DisputeStatus? Status, int? MediatorId, DateTime? From, DateTime? To, string? Figure, bool? Overdue);

    public sealed record CaseView(int Id, string Number, string Title, DisputeType Type, DisputeSource Source, DisputeRisk Risk, DisputeStatus Status,
        bool PoliceInvolved, int? EventId, int? MediatorId, string? MediatorName, int? AdviserAccountId, string? Committee, DateTime RegisteredAt, DateTime? StepDueAt,
        int EscalationLevel, bool IsRepeated, bool MayTurnCriminal, int Version, IReadOnlyList<DisputeQueries.PartyRow> Parties, IReadOnlyList<DisputeQueries.ChoiceRow> Choices,
        IReadOnlyList<DisputeQueries.HandoverRow> Handovers, IReadOnlyList<DisputeQueries.SessionRow> Sessions, bool HasAgreement, bool SignedCopyUploaded,
        IReadOnlyList<ObligationView> Obligations, IReadOnlyList<FollowUpView> FollowUps, IReadOnlyList<DisputeQueries.FlagRow> Flags,
        IReadOnlyList<DisputeQueries.StepRow> Steps, IReadOnlyList<DisputeAction> Actions, bool ChoiceOverdue);

    public sealed record ObligationView(int Id, int? PartyId, string What, DateTime DueAt, DateTime? RemindedAt, DateTime? DoneAt);

    public sealed record FollowUpView(int Id, int Day, DateTime DueAt, DateTime? TaskSentAt, int? TeamId, DateTime? DoneAt, string? Note);

    public static CaseView ViewOf(DisputeQueries.Details x)
    {
        var d = x.Case;
        return new CaseView(d.Id, DisputeRules.Number(d.Id), d.Title, d.Type, d.Source, d.Risk, d.Status, d.PoliceInvolved, d.EventId, d.MediatorId, x.MediatorName,
            d.AdviserAccountId, d.Committee, d.RegisteredAt, d.StepDueAt, d.EscalationLevel, d.IsRepeated, d.MayTurnCriminal, d.Version, x.Parties, x.Choices,
            x.Handovers, x.Sessions, x.Agreement is not null, x.Agreement?.SignedAt is not null,
            x.Obligations.Select(o => new ObligationView(o.Id, o.PartyId, o.What, o.DueAt, o.RemindedAt, o.DoneAt)).ToList(),
            x.FollowUps.Select(f => new FollowUpView(f.Id, f.Day, f.DueAt, f.TaskSentAt, f.TeamId, f.DoneAt, f.Note)).ToList(), x.Flags, x.Steps, x.Actions, x.ChoiceOverdue);
    }

    static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Get(int id, AccessPolicy access, DisputeQueries queries)
    {
        var details = await queries.DetailsAsync(await access.CurrentAsync(), id);
        return details is null ? await access.OutOfScope("dispute", DisputeSteps.Id(id)) : TypedResults.Ok(ViewOf(details));
    }

    public sealed record SuggestionView(int MediatorId, string Name, MediatorKind Kind, double Score, int Load, IReadOnlyList<string> Reasons, IReadOnlyList<string> Conflicts);

    static async Task<Results<Ok<IReadOnlyList<SuggestionView>>, ProblemHttpResult>> Suggestions(int id, AccessPolicy access, DisputeQueries queries, MediatorPool pool)
    {
        var details = await queries.DetailsAsync(await access.CurrentAsync(), id);
        if (details is null)
            return await access.OutOfScope("dispute", DisputeSteps.Id(id));
        var ranked = await pool.SuggestAsync(details.Case);
        return TypedResults.Ok<IReadOnlyList<SuggestionView>>(ranked.Select(s => new SuggestionView(s.Mediator.Id, s.Mediator.Name, s.Mediator.Kind, s.Score, s.Mediator.Load,
            s.Reasons.Select(r => r.ToString()).ToList(), s.Conflicts.Select(c => c.ToString()).ToList())).ToList());
    }

    static async Task<Results<Ok<IReadOnlyList<string>>, ProblemHttpResult>> Choose(int id, ChooseMediator.Request request, AccessPolicy access, ChooseMediator choose)
    {
        var result = await choose.RunAsync(await access.CurrentAsync(), id, request);
        return result.IsDone ? TypedResults.Ok<IReadOnlyList<string>>(result.Value!.Select(c => c.ToString()).ToList()) : await ProblemAsync(result, id, access);
    }

    static async Task<Results<Ok, ProblemHttpResult>> Act(int id, DisputeAction action, ActOnDispute.Request request, AccessPolicy access, ActOnDispute act)
    {
        var result = await act.RunAsync(await access.CurrentAsync(), id, action, request);
        return result.IsDone ? TypedResults.Ok() : await ProblemAsync(result, id, access);
    }

    static async Task<Results<Ok<int>, ProblemHttpResult>> Session(int id, RecordSession.Request request, AccessPolicy access, RecordSession record)
    {
        var result = await record.RunAsync(await access.CurrentAsync(), id, request);
        return result.IsDone ? TypedResults.Ok(result.Value) : await ProblemAsync(result, id, access);
    }

    static async Task<Results<Ok, ProblemHttpResult>> Agreement(int id, RecordAgreement.Request request, AccessPolicy access, RecordAgreement record)
    {
        var result = await record.RunAsync(await access.CurrentAsync(), id, request);
        return result.IsDone ? TypedResults.Ok() : await ProblemAsync(result, id, access);
    }

    static async Task<Results<Ok, ProblemHttpResult>> UploadSigned(int id, IFormFile? file, AccessPolicy access, RecordAgreement record)
    {
        if (file is null || file.Length > RecordAgreement.MaxSignedBytes)
            return Result.Invalid([new FieldProblem("file", new Text("Disputes.TheSignedCopyMustBeAPdfOrImage"))]).ToProblem();
        using var memory = new MemoryStream();
        await file.CopyToAsync(memory);
        var result = await record.AttachSignedAsync(await access.CurrentAsync(), id, file.FileName, memory.ToArray());
        return result.IsDone ? TypedResults.Ok() : await ProblemAsync(result, id, access);
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SignedCopy(int id, AccessPolicy access, DisputeQueries queries)
    {
        var copy = await queries.SignedCopyAsync(await access.CurrentAsync(), id);
        return copy is not { } c ? await access.OutOfScope("dispute", DisputeSteps.Id(id))
            : TypedResults.File(c.Content, RecordAgreement.TypeOf(c.Content) ?? "application/octet-stream", c.FileName);
    }

    static async Task<Results<Ok<DisputeFigures.Report>, ProblemHttpResult>> Figures([AsParameters] DisputeFigures.Query query, AccessPolicy access, DisputeFigures figures,
        TimeProvider clock)
    {
        var report = await figures.RunAsync(await access.CurrentAsync(), query, ChinaTime.Today(clock));
        return report is null ? await access.OutOfScope("unit", DisputeSteps.Id(query.UnitId ?? 0)) : TypedResults.Ok(report);
    }

    static async Task<Ok<IReadOnlyList<MediatorPool.Member>>> Pool(AccessPolicy access, DisputeQueries queries) =>
        TypedResults.Ok(await queries.PoolAsync(await access.CurrentAsync()));

    static async Task<Results<Created<int>, ProblemHttpResult>> AddMediator(KeepMediators.Request request, AccessPolicy access, KeepMediators keep)
    {
        var result = await keep.AddAsync(await access.CurrentAsync(), request);
        return result.IsDone ? TypedResults.Created($"/api/mediators/{result.Value}", result.Value) : result.ToProblem();
    }

    static async Task<ProblemHttpResult> ProblemAsync(Result result, int id, AccessPolicy access) =>
        result.Outcome == Outcome.NotFound ? await access.OutOfScope("dispute", DisputeSteps.Id(id)) : result.ToProblem();
}
