using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.CommandRoom;

/// <summary>
/// A directive (指令) from the command room to a unit (station, grid, police district, fusion centre) or a person:
/// it must be acknowledged (签收) and answered (反馈) by its due time, or it shows as overdue.
/// </summary>
public sealed class Directive
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string Body { get; set; } = "";
    public int IssuedById { get; set; }
    public required string IssuedByName { get; set; }
    public DateTime IssuedAt { get; set; }
    public int TargetUnitId { get; set; }
    public int? TargetAccountId { get; set; }
    /// <summary>A directive to a team goes to each of its current members; any of them acknowledges and answers it.</summary>
    public int? TargetTeamId { get; set; }
    /// <summary>The target unit's area path, so scope rules apply as for events.</summary>
    public required string AreaPath { get; set; }
    /// <summary>Sent to a unit of the police tree: police text, which the grid side does not read.</summary>
    public bool TargetIsPolice { get; set; }
    public int? EventId { get; set; }
    public DateTime DueAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedByName { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public string? AnsweredByName { get; set; }
    public string? Answer { get; set; }
    public int Version { get; set; }

    public bool IsOverdue(DateTime now) => AnsweredAt is null && DueAt < now;
}

public sealed class DirectiveConfiguration : IEntityTypeConfiguration<Directive>
{
    public void Configure(EntityTypeBuilder<Directive> d)
    {
        d.ToTable("directives");
        d.Property(x => x.Title).HasMaxLength(200);
        d.Property(x => x.Body).HasMaxLength(4000);
        d.Property(x => x.IssuedByName).HasMaxLength(100);
        d.Property(x => x.AreaPath).HasMaxLength(400);
        // A default, so that the column could be added to existing rows on SQLite (set from the target unit there).
        d.Property(x => x.TargetIsPolice).HasDefaultValue(false);
        d.Property(x => x.AcknowledgedByName).HasMaxLength(100);
        d.Property(x => x.AnsweredByName).HasMaxLength(100);
        d.Property(x => x.Answer).HasMaxLength(2000);
        d.Property(x => x.Version).IsConcurrencyToken();
        d.HasIndex(x => new { x.TargetUnitId, x.AnsweredAt });
        d.HasIndex(x => new { x.AreaPath, x.IssuedAt });
        d.HasOne<Unit>().WithMany().HasForeignKey(x => x.TargetUnitId).OnDelete(DeleteBehavior.Restrict);
        d.HasOne<Account>().WithMany().HasForeignKey(x => x.TargetAccountId).OnDelete(DeleteBehavior.Restrict);
        d.HasOne<Teams.Team>().WithMany().HasForeignKey(x => x.TargetTeamId).OnDelete(DeleteBehavior.Restrict);
        d.HasOne<Account>().WithMany().HasForeignKey(x => x.IssuedById).OnDelete(DeleteBehavior.Restrict);
    }
}
