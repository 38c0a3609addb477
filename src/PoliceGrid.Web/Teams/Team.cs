using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Teams;

/// <summary>
/// The team of a village or grid, formed from staff by a station head or centre director: a pairing (结对), 一警三员 or
/// 1+1+N. Members come and go with dates, so who was on it when is kept; a dissolved team keeps its history.
/// </summary>
public sealed class Team
{
    public int Id { get; set; }
    /// <summary>The village or grid the team serves.</summary>
    public int UnitId { get; set; }
    public TeamKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>A current member; messages left unacknowledged by its members escalate to him.</summary>
    public int LeaderId { get; set; }
    public int FormedById { get; set; }
    public DateTime FormedAt { get; set; }
    public DateTime? DissolvedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One person's place in a team, with the duty she holds there, from when until when.</summary>
public sealed class TeamMember
{
    public int Id { get; set; }
    public int TeamId { get; set; }
    public int AccountId { get; set; }
    public TeamDuty Duty { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

/// <summary>Which team answers for a grid, from when until when: at most one current row per grid.</summary>
public sealed class GridResponsibility
{
    public int Id { get; set; }
    public int GridId { get; set; }
    public int TeamId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<TeamKind>))]
public enum TeamKind
{
    /// <summary>结对: one police officer and one grid worker.</summary>
    Pairing = 1,
    /// <summary>一警三员: community officer, security assistant, mediator and grid worker.</summary>
    OneOfficerThreeMembers = 2,
    /// <summary>1+1+N: a police grid member, a grid chief and department members (with a legal adviser and mediator).</summary>
    OnePlusOnePlusN = 3,
}

/// <summary>What a person does in a team; a duty, not a role, so anyone may be a team's mediator or legal adviser.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TeamDuty>))]
public enum TeamDuty
{
    /// <summary>The police member: a community officer (for a pairing or 1+1+N also an auxiliary officer or police assistant).</summary>
    PoliceOfficer = 1,
    /// <summary>治安辅助: an auxiliary officer or police assistant.</summary>
    SecurityAssistant = 2,
    Mediator = 3,
    GridWorker = 4,
    GridChief = 5,
    DepartmentMember = 6,
    /// <summary>村法律顾问.</summary>
    LegalAdviser = 7,
}

public sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> t)
    {
        t.ToTable("teams");
        t.Property(x => x.Name).HasMaxLength(100);
        t.Property(x => x.Version).IsConcurrencyToken();
        t.HasIndex(x => x.UnitId);
        t.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        t.HasOne<Account>().WithMany().HasForeignKey(x => x.LeaderId).OnDelete(DeleteBehavior.Restrict);
        t.HasOne<Account>().WithMany().HasForeignKey(x => x.FormedById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> m)
    {
        m.ToTable("team_members");
        m.HasIndex(x => new { x.TeamId, x.EndedAt });
        m.HasIndex(x => new { x.AccountId, x.EndedAt });
        m.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        m.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class GridResponsibilityConfiguration : IEntityTypeConfiguration<GridResponsibility>
{
    public void Configure(EntityTypeBuilder<GridResponsibility> r)
    {
        r.ToTable("grid_responsibilities");
        // Exactly one current team per grid; the use case checks first and answers a race with a conflict.
        r.HasIndex(x => x.GridId).IsUnique().HasFilter("ended_at IS NULL").HasDatabaseName("ix_grid_responsibilities_current_grid");
        r.HasIndex(x => new { x.GridId, x.StartedAt });
        r.HasIndex(x => new { x.TeamId, x.EndedAt });
        r.HasOne<Unit>().WithMany().HasForeignKey(x => x.GridId).OnDelete(DeleteBehavior.Restrict);
        r.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
