using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Events;

/// <summary>
/// One routing rule: the first active rule (lowest <see cref="Priority"/>, the township's own before the default ones)
/// whose conditions all hold decides who handles a new event. Null conditions match anything.
/// </summary>
public sealed class RoutingRule
{
    public int Id { get; set; }
    public int Priority { get; set; }
    /// <summary>Null: a default rule for every township.</summary>
    public int? TownshipId { get; set; }
    public int? CategoryId { get; set; }
    public bool? IsPolice { get; set; }
    public bool? InOfficeHours { get; set; }
    public HandlerSide? CategoryHandler { get; set; }
    public HandlerSide Target { get; set; }
    public required string Name { get; set; }
    public bool Active { get; set; } = true;
}

public sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> r)
    {
        r.ToTable("routing_rules");
        r.Property(x => x.Name).HasMaxLength(200);
        r.HasIndex(x => x.TownshipId);
    }
}
