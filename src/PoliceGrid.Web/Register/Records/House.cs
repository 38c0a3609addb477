using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PoliceGrid.Web.Register.Records;

/// <summary>实有房屋: one per standard address. The residents whose <see cref="Resident.HouseId"/> is this house live in it (its tenants when rented).</summary>
public sealed class House : RegisterRecord
{
    public required string OwnerName { get; set; }
    public string? OwnerPhoneSealed { get; set; }
    public string? OwnerPhoneHash { get; set; }
    public string? OwnerPhoneMasked { get; set; }
    public HouseUse Use { get; set; }

    /// <summary>出租房屋登记 of a rented house.</summary>
    public string? RentalRegistrationNumber { get; set; }
    public DateOnly? RentalRegisteredOn { get; set; }
}

public enum HouseUse
{
    SelfOccupied = 1,
    Rented = 2,
    Vacant = 3,
    Business = 4,
    Other = 5,
}

public sealed class HouseConfiguration : IEntityTypeConfiguration<House>
{
    public void Configure(EntityTypeBuilder<House> house)
    {
        house.ToTable("houses");
        house.HasIndex(h => h.AddressId).IsUnique();
        house.HasIndex(h => h.AreaPath).HasOperators("text_pattern_ops");
        house.HasIndex(h => new { h.PoliceDistrictId, h.Status });
        house.Property(h => h.OwnerName).HasMaxLength(60);
        house.Property(h => h.OwnerPhoneSealed).HasMaxLength(200);
        house.Property(h => h.OwnerPhoneHash).HasMaxLength(64);
        house.Property(h => h.OwnerPhoneMasked).HasMaxLength(20);
        house.Property(h => h.RentalRegistrationNumber).HasMaxLength(40);
        house.Property(h => h.AreaPath).HasMaxLength(400);
        house.Property(h => h.ReturnReason).HasMaxLength(500);
        house.Property(h => h.Version).IsConcurrencyToken();
        house.HasOne<StandardAddress>().WithMany().HasForeignKey(h => h.AddressId).OnDelete(DeleteBehavior.Restrict);
    }
}
