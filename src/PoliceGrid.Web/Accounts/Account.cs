using Microsoft.AspNetCore.Identity;
using PoliceGrid.Web.Shared;

namespace PoliceGrid.Web.Accounts;

public sealed class Account : IdentityUser<int>
{
    public required string DisplayName { get; set; }

    /// <summary>One role per account: that is what keeps the three administrator duties apart (三员分立).</summary>
    public Role Role { get; set; }

    public Side Side { get; set; }

    /// <summary>The unit the account belongs to; its area is the account's scope.</summary>
    public int UnitId { get; set; }

    /// <summary>For a department officer: the department whose events he sees and handles (民政, 城管, …).</summary>
    public string? Department { get; set; }

    /// <summary>
    /// When the security administrator approved this account's access to personal data; until then an account whose
    /// role reaches personal data holds none of its capabilities (三员分立: no one administrator grants it alone).
    /// </summary>
    public DateTime? GrantApprovedAt { get; set; }

    public int? GrantApprovedById { get; set; }

    /// <summary>Demo accounts are refused outside demo mode.</summary>
    public bool IsDemo { get; set; }

    /// <summary>Set by an administrator: the account cannot sign in and its sessions have ended.</summary>
    public DateTime? DisabledAt { get; set; }

    /// <summary>A password an administrator chose is one-time: the account changes it at its next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When the password was last set, for rotation (<c>Security:PasswordMaxAgeDays</c>).</summary>
    public DateTime? PasswordChangedAt { get; set; }

    /// <summary>Hashes of the passwords before the current one, newest first, one per line: none may be reused.</summary>
    public string? PreviousPasswordHashes { get; set; }

    /// <summary>The last second-factor code accepted.</summary>
    public string? LastTwoFactorCode { get; set; }

    /// <summary>The start of the last accepted code's step: no code of that step or an earlier one is accepted again.</summary>
    public DateTime? LastTwoFactorAt { get; set; }

    /// <summary>专职 or 兼职, as the staff ledger says; null for accounts made before the ledger.</summary>
    public Employment? Employment { get; set; }

    /// <summary>警号: a police officer's number, unique; the staff ledger recognises a row by it.</summary>
    public string? PoliceNumber { get; set; }

    /// <summary>The ID number, sealed like the register's; the ledger recognises a row without a police number by its hash.</summary>
    public string? IdNumberSealed { get; set; }

    public string? IdNumberHash { get; set; }

    public string? IdNumberMasked { get; set; }
}

/// <summary>Staff without a password are staff all the same: on teams and rotas, and messages reach them by their channels.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Employment>))]
public enum Employment
{
    FullTime = 1,
    PartTime = 2,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Role>))]
public enum Role
{
    GridWorker = 1,
    MicroGridWorker = 2,
    GridChief = 3,
    CommunityOfficer = 10,
    AuxiliaryOfficer = 11,
    PoliceAssistant = 12,
    StationHead = 13,
    CentreDirector = 14,
    Dispatcher = 20,
    Mediator = 30,
    DepartmentOfficer = 31,
    SystemAdmin = 40,
    SecurityAdmin = 41,
    Auditor = 42,
    Citizen = 50,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<Side>))]
public enum Side
{
    Grid = 1,
    Police = 2,
    Department = 3,
    Administration = 4,
    Public = 5,
}

public static class Roles
{
    public static Side DefaultSide(this Role role) => role switch
    {
        Role.GridWorker or Role.MicroGridWorker or Role.GridChief or Role.CentreDirector or Role.Mediator => Side.Grid,
        Role.CommunityOfficer or Role.AuxiliaryOfficer or Role.PoliceAssistant or Role.StationHead or Role.Dispatcher => Side.Police,
        Role.DepartmentOfficer => Side.Department,
        Role.SystemAdmin or Role.SecurityAdmin or Role.Auditor => Side.Administration,
        _ => Side.Public,
    };

    public static bool IsAdministrator(this Role role) => role is Role.SystemAdmin or Role.SecurityAdmin or Role.Auditor;

    /// <summary>Police, command-room and administrator roles sign in with a second factor when <c>Security:RequireTwoFactor</c> is on.</summary>
    public static bool NeedsSecondFactor(this Role role) =>
        role.DefaultSide() is Side.Police || role.IsAdministrator();

    public static (string Zh, string En) Label(this Role role) => Words.PairOf(role);

    public static (string Zh, string En) Label(this Side side) => Words.PairOf(side);
}
