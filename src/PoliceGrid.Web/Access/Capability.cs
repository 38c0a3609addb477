using PoliceGrid.Web.Accounts;

namespace PoliceGrid.Web.Access;

/// <summary>
/// What a person may do, independent of where: every page, API, live message, map layer, export and figure asks for
/// one of these (plus the scope by area and side that <see cref="AccessPolicy"/> decides). The table below is the one
/// place that says which role holds which; the role-matrix test is generated from it.
/// </summary>
public enum Capability
{
    /// <summary>The unit tree, unit pages and the map.</summary>
    SeeUnits = 1,
    /// <summary>Report an event and follow one's own reports.</summary>
    ReportEvents,
    /// <summary>Events of the area, one's tasks, event figures.</summary>
    HandleEvents,
    /// <summary>Triage, dispatch, verify and close events (grid chief and up).</summary>
    SuperviseEvents,
    /// <summary>The command-room board.</summary>
    CommandRoom,
    IssueDirectives,
    /// <summary>Read the register (一标三实) of the area: personal data, masked.</summary>
    ReadRegister,
    CollectRegister,
    VerifyRegister,
    /// <summary>See a full ID or phone number, with a reason.</summary>
    RevealPersonalData,
    ApproveExports,
    /// <summary>Police-only records and confidential events: leads, key persons.</summary>
    SeePoliceDetail,
    /// <summary>Approve or hold back what the public sees of a report (Open311).</summary>
    ModeratePublicRequests,
    AdministerUnits,
    EditEventSettings,
    ManageOperationalAccounts,
    ManageAdministratorAccounts,
    /// <summary>Approve an account's access to personal data, unlock accounts (三员: the security administrator).</summary>
    ApproveGrants,
    ResealPersonalData,
    ReadAudit,
    /// <summary>One's own inbox: tasks, directives, escalations and approval requests delivered to one, and their acknowledgement.</summary>
    ReceiveMessages,
    /// <summary>Read the OpenAPI document of the whole API (/openapi/v1.json), to connect other systems.</summary>
    ReadApiDescription,
    /// <summary>Read the duty rota (值班表) of one's station or command room, and who is on duty now.</summary>
    ReadDutyRota,
    /// <summary>Keep a unit's rota: assign, remove, copy last week, decide swaps (station head, dispatcher, centre director).</summary>
    KeepDutyRota,
    /// <summary>Keep the staff records of one's area and side: list, add, import, edit, transfer, deactivate (heads, the system administrator).</summary>
    KeepStaff,
    /// <summary>Keep the list of departments whose officers handle department work (the system administrator).</summary>
    KeepDepartments,
    /// <summary>Form, change and dissolve the teams of villages and grids, and say which team answers for a grid (station head, centre director).</summary>
    KeepTeams,
    /// <summary>Care visits (关爱走访) of the area: the day's list, record a visit, a person's care case, care figures.</summary>
    VisitCare,
    /// <summary>Set the care plan of each special group, and a county's own (the system administrator).</summary>
    KeepCarePlans,
    /// <summary>The disputes (矛盾纠纷) of the area: open, assess, hand over, refer, follow up, figures (grid, police, leaders).</summary>
    HandleDisputes,
    /// <summary>A pool mediator's own cases only: choice, sessions, agreement; her parties' masked rows, never the register.</summary>
    MediateDisputes,
    /// <summary>Keep the mediator pool of a township or the county (centre director, station head).</summary>
    KeepMediators,
}

public static class Capabilities
{
    static readonly Capability[] Grid = [Capability.SeeUnits, Capability.ReportEvents, Capability.HandleEvents, Capability.ReadRegister,
        Capability.RevealPersonalData, Capability.CollectRegister, Capability.VisitCare, Capability.HandleDisputes];
    static readonly Capability[] Police = [Capability.SeeUnits, Capability.ReportEvents, Capability.HandleEvents, Capability.ReadRegister,
        Capability.RevealPersonalData, Capability.SeePoliceDetail, Capability.ReadDutyRota, Capability.VisitCare, Capability.HandleDisputes];
    static readonly Capability[] Leader = [Capability.SuperviseEvents, Capability.CommandRoom, Capability.IssueDirectives, Capability.ApproveExports];

    /// <summary>The table: each role's capabilities. 三员分立: the three administrators share none, and none holds personal data.</summary>
    static readonly IReadOnlyDictionary<Role, IReadOnlySet<Capability>> Table = new Dictionary<Role, Capability[]>
    {
        [Role.GridWorker] = Grid,
        [Role.MicroGridWorker] = Grid,
        [Role.GridChief] = [.. Grid, Capability.SuperviseEvents],
        [Role.CommunityOfficer] = [.. Police, Capability.CollectRegister, Capability.VerifyRegister],
        [Role.AuxiliaryOfficer] = [.. Police, Capability.CollectRegister],
        [Role.PoliceAssistant] = [.. Police, Capability.CollectRegister],
        [Role.StationHead] = [.. Police, Capability.VerifyRegister, .. Leader, Capability.KeepDutyRota, Capability.KeepStaff, Capability.KeepTeams, Capability.KeepMediators],
        [Role.CentreDirector] = [Capability.SeeUnits, Capability.ReportEvents, Capability.HandleEvents, Capability.ReadRegister, Capability.RevealPersonalData, .. Leader,
            Capability.ModeratePublicRequests, Capability.ReadDutyRota, Capability.KeepDutyRota, Capability.KeepStaff, Capability.KeepTeams,
            Capability.HandleDisputes, Capability.KeepMediators, Capability.VisitCare],
        [Role.Dispatcher] = [Capability.SeeUnits, Capability.ReportEvents, Capability.HandleEvents, Capability.ReadRegister, Capability.RevealPersonalData, Capability.SeePoliceDetail,
            Capability.SuperviseEvents, Capability.CommandRoom, Capability.IssueDirectives, Capability.ModeratePublicRequests, Capability.ReadDutyRota,
            Capability.KeepDutyRota, Capability.HandleDisputes, Capability.VisitCare],
        [Role.Mediator] = [Capability.MediateDisputes],
        [Role.DepartmentOfficer] = [Capability.SeeUnits, Capability.ReportEvents, Capability.HandleEvents],
        [Role.SystemAdmin] = [Capability.SeeUnits, Capability.AdministerUnits, Capability.EditEventSettings, Capability.ManageOperationalAccounts,
            Capability.ReadApiDescription, Capability.KeepStaff, Capability.KeepDepartments, Capability.KeepCarePlans],
        [Role.SecurityAdmin] = [Capability.ManageAdministratorAccounts, Capability.ApproveGrants, Capability.ResealPersonalData],
        [Role.Auditor] = [Capability.ReadAudit],
        [Role.Citizen] = [Capability.ReportEvents],
    }.ToDictionary(row => row.Key, row => (IReadOnlySet<Capability>)(row.Key == Role.Citizen ? row.Value : [.. row.Value, Capability.ReceiveMessages]).ToHashSet());

    static readonly IReadOnlySet<Capability> None = new HashSet<Capability>();

    public static IReadOnlySet<Capability> Of(Role role) => Table.GetValueOrDefault(role) ?? None;

    /// <summary>
    /// Capabilities that reach personal data (the register, events with people in them, police detail): an account whose
    /// role holds any of them holds none of its capabilities until the security administrator approves the grant, so no
    /// single administrator can give himself the register (三员分立).
    /// </summary>
    public static bool NeedsApprovedGrant(Role role) =>
        Of(role).Overlaps([Capability.ReadRegister, Capability.HandleEvents, Capability.SeePoliceDetail, Capability.RevealPersonalData,
            Capability.HandleDisputes, Capability.MediateDisputes]);

    /// <summary>What an account may do now: its role's capabilities, or none while a needed grant waits for approval.</summary>
    public static IReadOnlySet<Capability> Held(Role role, bool grantApproved) =>
        NeedsApprovedGrant(role) && !grantApproved ? None : Of(role);
}
