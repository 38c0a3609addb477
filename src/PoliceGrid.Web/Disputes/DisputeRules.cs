using System.ComponentModel.DataAnnotations;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Disputes;

/// <summary>What a person may do with a dispute, one route each.</summary>
public enum DisputeAction { Assess = 1, ChooseMediator, HandOver, InviteAdviser, Refer, RecordSession, RecordAgreement, CarryOut, FollowUp, Close, Escalate }

/// <summary>
/// The dispute's life and who may move it: registered → assessed → mediator chosen → in session → agreement or referral
/// → carried out → followed up → closed. The API, the pages and the sweep all go through these rules.
/// </summary>
public static class DisputeRules
{
    public const string OpenStep = "open";
    public const string OverdueEscalateStep = "overdue-escalate";

    static readonly DisputeStatus[] Unsettled = [DisputeStatus.Registered, DisputeStatus.Assessed, DisputeStatus.MediatorChosen, DisputeStatus.InSession];
    static readonly DisputeStatus[] Open = [.. Unsettled, DisputeStatus.Agreement, DisputeStatus.CarriedOut, DisputeStatus.FollowedUp];

    /// <summary>The states an action may start from, and the state it leads to (null: unchanged).</summary>
    public static (IReadOnlyList<DisputeStatus> From, DisputeStatus? To) Transition(DisputeAction action) => action switch
    {
        DisputeAction.Assess => ([DisputeStatus.Registered, DisputeStatus.Assessed], DisputeStatus.Assessed),
        DisputeAction.ChooseMediator => ([DisputeStatus.Registered, DisputeStatus.Assessed, DisputeStatus.MediatorChosen], null),
        DisputeAction.HandOver or DisputeAction.InviteAdviser => (Unsettled, null),
        DisputeAction.Refer => (Unsettled, DisputeStatus.Referred),
        DisputeAction.RecordSession => ([DisputeStatus.MediatorChosen, DisputeStatus.InSession], DisputeStatus.InSession),
        DisputeAction.RecordAgreement => ([DisputeStatus.MediatorChosen, DisputeStatus.InSession], DisputeStatus.Agreement),
        DisputeAction.CarryOut => ([DisputeStatus.Agreement], DisputeStatus.CarriedOut),
        DisputeAction.FollowUp => ([DisputeStatus.Agreement, DisputeStatus.CarriedOut, DisputeStatus.FollowedUp], null),
        DisputeAction.Close => ([DisputeStatus.FollowedUp, DisputeStatus.CarriedOut], DisputeStatus.Closed),
        DisputeAction.Escalate => (Open, null),
        _ => ([], null),
    };

    public static bool Allows(DisputeAction action, DisputeStatus status) => Transition(action).From.Contains(status);

    /// <summary>The mediator of the case, or the legal adviser who joined it.</summary>
    public static bool Mediates(Dispute d, Viewer viewer) => d.MediatorAccountId == viewer.AccountId || d.AdviserAccountId == viewer.AccountId;

    /// <summary>Whether the viewer may take the action on this case (state aside). Mediation is the mediator's; the rest the area's staff.</summary>
    public static bool May(DisputeAction action, Dispute d, Viewer viewer)
    {
        var staff = viewer.Can(Capability.HandleDisputes);
        var mediates = Mediates(d, viewer);
        return action switch
        {
            DisputeAction.RecordSession or DisputeAction.RecordAgreement => mediates || staff,
            DisputeAction.FollowUp or DisputeAction.CarryOut => staff || mediates,
            DisputeAction.Refer => staff || mediates,
            _ => staff,
        };
    }

    /// <summary>Confidential session notes: the mediator and the police, nobody else.</summary>
    public static bool SeesConfidentialNotes(Dispute d, Viewer viewer) => Mediates(d, viewer) || viewer.Can(Capability.SeePoliceDetail);

    public static IReadOnlyList<DisputeAction> Available(Dispute d, Viewer viewer) =>
        Enum.GetValues<DisputeAction>().Where(a => Allows(a, d.Status) && May(a, d, viewer)).ToList();

    /// <summary>The limit of the step a case in <paramref name="status"/> waits for, in minutes; null once nothing waits with a limit.</summary>
    public static int? LimitFor(DisputeStatus status, DisputesOptions options) => status switch
    {
        DisputeStatus.Registered => options.AssessHours * 60,
        DisputeStatus.Assessed => options.ChoiceDays * 24 * 60,
        DisputeStatus.MediatorChosen => options.FirstSessionDays * 24 * 60,
        DisputeStatus.InSession => options.LimitDays * 24 * 60,
        DisputeStatus.FollowedUp => options.CloseDays * 24 * 60,
        _ => null,
    };

    /// <summary>The label of a stored step code (open, choose, session, overdue-escalate …).</summary>
    public static Text StepLabel(string step) => new("DisputeStep." + step);

    public static bool IsHighRisk(DisputeRisk risk) => risk != DisputeRisk.None;

    public static string Number(int id) => "JF" + id.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    /// <summary>Who a party is across cases: the register record, else the name in the village.</summary>
    public static string PartyKey(int? residentId, int? organisationId, string name, int? villageId) =>
        residentId is { } r ? $"r:{r}" : organisationId is { } o ? $"o:{o}" : $"n:{villageId}:{name.Trim()}";
}

/// <summary>Settings of disputes (section <c>Disputes</c>).</summary>
public sealed class DisputesOptions
{
    /// <summary>How often the dispute sweep runs (escalation, reminders, follow-ups, 民转刑 checks); 0 = never.</summary>
    [Range(0, 86400)] public int SweepSeconds { get; set; } = 60;
    [Range(1, 720)] public int AssessHours { get; set; } = 24;
    /// <summary>Days the parties have to choose a mediator before the product suggests some.</summary>
    [Range(1, 90)] public int ChoiceDays { get; set; } = 3;
    [Range(1, 90)] public int FirstSessionDays { get; set; } = 7;
    /// <summary>A case is normally settled within a month (人民调解法).</summary>
    [Range(1, 365)] public int LimitDays { get; set; } = 30;
    [Range(1, 90)] public int CloseDays { get; set; } = 7;
    /// <summary>Days before an obligation's deadline that its reminder goes out.</summary>
    [Range(0, 90)] public int ReminderDays { get; set; } = 3;
    /// <summary>How far back a dispute counts as recent for the 民转刑 check and repeated disputes.</summary>
    [Range(1, 3650)] public int RecentDays { get; set; } = 180;
}
