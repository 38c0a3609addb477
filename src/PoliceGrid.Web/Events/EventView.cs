using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Events;

/// <summary>
/// An event as one viewer may see it. When <see cref="Restricted"/> (a police-confidential event shown to its grid-side
/// reporter), only the number, times, a plain status and a neutral outcome are filled in.
/// </summary>
public sealed record EventView(
    int Id, string Number, int Version, EventStatus Status, string StatusZh, string StatusEn, bool Restricted,
    DateTime ReportedAt, DateTime UpdatedAt, DateTime? ClosedAt, string? OutcomeZh, string? OutcomeEn,
    string? CategoryCode, string? CategoryZh, string? CategoryEn, bool? IsPolice, EventSource? Source, string? Title, string? Description,
    double? Lon, double? Lat, string? Address, string? AreaPath, int? GridId, int? TownshipId, int? PoliceDistrictId,
    HandlerSide? HandlerSide, int? HandlerUnitId, int? HandlerAccountId, string? Department, string? RoutedByZh, string? RoutedByEn, bool? IsConfidential,
    int? ReporterAccountId, string? ReporterName, DateTime? StepDueAt, DateTime? DueAt, int? EscalationLevel, int? ReworkCount,
    int? MergedIntoId, int? SplitFromId, bool? DivertedToGrid, string? Resolution,
    IReadOnlyList<EventView.StepView>? Steps, IReadOnlyList<long>? PhotoIds)
{
    /// <summary>A step; who took it and its note are given in both languages, since the system's own are stored as keys.</summary>
    public sealed record StepView(long Id, DateTime At, string ActorZh, string ActorEn, string Action, string ActionZh, string ActionEn,
        EventStatus FromStatus, EventStatus ToStatus, string? NoteZh, string? NoteEn, IReadOnlyList<long> PhotoIds);

    public bool IsOverdue(DateTime now) => Status.IsOpen() && StepDueAt is { } due && due < now;

    public static EventView Of(Event e, EventCategory category, bool details, IReadOnlyList<StepView> steps, IReadOnlyList<long> photoIds)
    {
        var (zh, en) = e.Status.Label();
        if (!details)
        {
            var (nzh, nen) = e.Status.Neutral();
            var closed = e.Status == EventStatus.Closed;
            return new EventView(e.Id, EventLabels.Number(e.Id), e.Version, e.Status, nzh, nen, true, e.ReportedAt, e.UpdatedAt, e.ClosedAt,
                closed ? Words.Zh("Events.DealtWithByThePolice") : null, closed ? Words.En("Events.DealtWithByThePolice") : null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        var routedBy = Words.Stored(e.RoutedBy, pairs: true);
        return new EventView(e.Id, EventLabels.Number(e.Id), e.Version, e.Status, zh, en, false, e.ReportedAt, e.UpdatedAt, e.ClosedAt,
            e.Resolution, e.Resolution, category.Code, category.Name, category.NameEn, category.IsPolice, e.Source, e.Title, e.Description,
            e.Lon, e.Lat, e.Address, e.AreaPath, e.GridId, e.TownshipId, e.PoliceDistrictId, e.HandlerSide, e.HandlerUnitId, e.HandlerAccountId,
            e.Department, e.RoutedBy is null ? null : routedBy.Zh, e.RoutedBy is null ? null : routedBy.En, e.IsConfidential,
            e.ReporterAccountId, e.ReporterName, e.StepDueAt, e.DueAt, e.EscalationLevel,
            e.ReworkCount, e.MergedIntoId, e.SplitFromId, e.DivertedToGrid, e.Resolution, steps, photoIds);
    }
}
