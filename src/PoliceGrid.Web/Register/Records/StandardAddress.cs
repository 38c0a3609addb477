using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Register.Records;

/// <summary>
/// 标准地址: village + road + door number + building + unit + room in one canonical form, with a point and, from that
/// point, its grid and police district. The same address entered twice is one address (unique <see cref="Key"/>).
/// </summary>
public sealed class StandardAddress
{
    public int Id { get; set; }
    public int VillageId { get; set; }
    public int GridId { get; set; }
    public int? PoliceDistrictId { get; set; }
    public string AreaPath { get; set; } = "";
    public required string Road { get; set; }
    public required string DoorNumber { get; set; }
    public string Building { get; set; } = "";
    public string UnitNumber { get; set; } = "";
    public string Room { get; set; } = "";

    /// <summary>The whole address as people write it, county to room: what search and lists show.</summary>
    public required string Canonical { get; set; }

    /// <summary>Village code and the normalised parts: equal keys are the same address.</summary>
    public required string Key { get; set; }

    public double Longitude { get; set; }
    public double Latitude { get; set; }
    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The parts of an address as a collector types them, and their one normalised form.</summary>
public sealed record AddressParts(string Road, string DoorNumber, string? Building = null, string? UnitNumber = null, string? Room = null)
{
    /// <summary>Full-width to half-width, no spaces, upper-case letters, and no suffix the canonical form adds itself.</summary>
    public static string Normalise(string? part, string suffix)
    {
        var text = (part ?? "").Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
                builder.Append(char.ToUpperInvariant(c));
        }
        var result = builder.ToString();
        return suffix.Length > 0 && result.EndsWith(suffix, StringComparison.Ordinal) ? result[..^suffix.Length] : result;
    }

    public AddressParts Normalised() => new(
        Normalise(Road, ""), Normalise(DoorNumber, "号"), Normalise(Building, "栋"), Normalise(UnitNumber, "单元"), Normalise(Room, "室"));

    public string KeyIn(string villageCode) => string.Join('|', villageCode, Road, DoorNumber, Building, UnitNumber, Room);

    public string Display() =>
        $"{Road}{DoorNumber}号{(Building is { Length: > 0 } b ? b + "栋" : "")}{(UnitNumber is { Length: > 0 } u ? u + "单元" : "")}{(Room is { Length: > 0 } r ? r + "室" : "")}";
}

public sealed class StandardAddressConfiguration : IEntityTypeConfiguration<StandardAddress>
{
    public void Configure(EntityTypeBuilder<StandardAddress> address)
    {
        address.ToTable("standard_addresses");
        address.HasIndex(a => a.Key).IsUnique();
        address.HasIndex(a => a.AreaPath).HasOperators("text_pattern_ops");
        address.HasIndex(a => a.GridId);
        address.Property(a => a.Road).HasMaxLength(100);
        address.Property(a => a.DoorNumber).HasMaxLength(40);
        address.Property(a => a.Building).HasMaxLength(40);
        address.Property(a => a.UnitNumber).HasMaxLength(40);
        address.Property(a => a.Room).HasMaxLength(40);
        address.Property(a => a.Canonical).HasMaxLength(300);
        address.Property(a => a.Key).HasMaxLength(300);
        address.Property(a => a.AreaPath).HasMaxLength(400);
        address.HasOne<Units.Unit>().WithMany().HasForeignKey(a => a.VillageId).OnDelete(DeleteBehavior.Restrict);
        address.HasOne<Units.Unit>().WithMany().HasForeignKey(a => a.GridId).OnDelete(DeleteBehavior.Restrict);
    }
}
