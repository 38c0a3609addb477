namespace PoliceGrid.Web.Shared.Live;

/// <summary>A change that open boards and inboxes should show: what changed and where, never its content.</summary>
public sealed record LiveMessage(string Kind, int Id, string AreaPath, int? HandlerUnitId = null, int? AccountId = null,
    int? ReporterAccountId = null, bool Confidential = false, string? Department = null);
