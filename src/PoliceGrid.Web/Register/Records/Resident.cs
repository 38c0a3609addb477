using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Register.PersonalData;

namespace PoliceGrid.Web.Register.Records;

/// <summary>实有人口. ID and phone numbers are sealed (see <see cref="PersonalDataVault"/>); lists use the masked forms.</summary>
public sealed class Resident : RegisterRecord
{
    public required string Name { get; set; }
    public string? IdNumberSealed { get; set; }
    public string? IdNumberHash { get; set; }
    public string? IdNumberMasked { get; set; }
    public Sex Sex { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? PhoneSealed { get; set; }
    public string? PhoneHash { get; set; }
    public string? PhoneMasked { get; set; }
    public HouseholdType HouseholdType { get; set; }
    public int? HouseId { get; set; }
    public DateOnly? ResidentSince { get; set; }

    /// <summary>居住登记 of a floating resident: its number and expiry.</summary>
    public string? RegistrationNumber { get; set; }
    public DateOnly? RegistrationExpires { get; set; }

    /// <summary>Special-group tags, see <see cref="SpecialGroups.Store"/>.</summary>
    public string Tags { get; set; } = "";
}

public enum HouseholdType
{
    Registered = 1,
    Floating = 2,
    Foreign = 3,
}

public sealed class ResidentConfiguration : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> resident)
    {
        resident.ToTable("residents");
        resident.HasIndex(r => r.IdNumberHash).IsUnique();
        resident.HasIndex(r => r.PhoneHash);
        // Scope is a prefix match on the grid path; PostgreSQL uses an index for LIKE 'prefix%' only with text_pattern_ops
        // (or the C collation), and SQLite ignores the setting.
        resident.HasIndex(r => r.AreaPath).HasOperators("text_pattern_ops");
        resident.HasIndex(r => new { r.Name, r.BirthDate });
        resident.HasIndex(r => r.AddressId);
        resident.HasIndex(r => r.HouseId);
        resident.HasIndex(r => new { r.PoliceDistrictId, r.Status });
        resident.Property(r => r.Name).HasMaxLength(60);
        resident.Property(r => r.IdNumberSealed).HasMaxLength(200);
        resident.Property(r => r.IdNumberHash).HasMaxLength(64);
        resident.Property(r => r.IdNumberMasked).HasMaxLength(18);
        resident.Property(r => r.PhoneSealed).HasMaxLength(200);
        resident.Property(r => r.PhoneHash).HasMaxLength(64);
        resident.Property(r => r.PhoneMasked).HasMaxLength(20);
        resident.Property(r => r.RegistrationNumber).HasMaxLength(40);
        resident.Property(r => r.Tags).HasMaxLength(300);
        resident.Property(r => r.AreaPath).HasMaxLength(400);
        resident.Property(r => r.ReturnReason).HasMaxLength(500);
        resident.Property(r => r.Version).IsConcurrencyToken();
        resident.HasOne<StandardAddress>().WithMany().HasForeignKey(r => r.AddressId).OnDelete(DeleteBehavior.Restrict);
        resident.HasOne<House>().WithMany().HasForeignKey(r => r.HouseId).OnDelete(DeleteBehavior.Restrict);
    }
}
