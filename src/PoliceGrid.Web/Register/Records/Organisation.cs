using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Register.PersonalData;

namespace PoliceGrid.Web.Register.Records;

/// <summary>实有单位: an organisation or venue, known by its unified social credit code.</summary>
public sealed class Organisation : RegisterRecord
{
    public required string Name { get; set; }
    public required string CreditCode { get; set; }
    public OrganisationCategory Category { get; set; }
    public required string ResponsiblePerson { get; set; }
    public string? ResponsiblePhoneSealed { get; set; }
    public string? ResponsiblePhoneHash { get; set; }
    public string? ResponsiblePhoneMasked { get; set; }
}

public enum OrganisationCategory
{
    Shop = 1,
    Enterprise = 2,
    School = 3,
    Hotel = 4,
    InternetCafe = 5,
    HazardousChemicals = 6,
    ExpressDelivery = 7,
    Restaurant = 8,
    Clinic = 9,
    Entertainment = 10,
    Other = 99,
}

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.ToTable("organisations");
        organisation.HasIndex(o => o.CreditCode).IsUnique();
        organisation.HasIndex(o => o.AreaPath).HasOperators("text_pattern_ops");
        organisation.HasIndex(o => new { o.PoliceDistrictId, o.Status });
        organisation.Property(o => o.Name).HasMaxLength(120);
        organisation.Property(o => o.CreditCode).HasMaxLength(18);
        organisation.Property(o => o.ResponsiblePerson).HasMaxLength(60);
        organisation.Property(o => o.ResponsiblePhoneSealed).HasMaxLength(200);
        organisation.Property(o => o.ResponsiblePhoneHash).HasMaxLength(64);
        organisation.Property(o => o.ResponsiblePhoneMasked).HasMaxLength(20);
        organisation.Property(o => o.AreaPath).HasMaxLength(400);
        organisation.Property(o => o.ReturnReason).HasMaxLength(500);
        organisation.Property(o => o.Version).IsConcurrencyToken();
        organisation.HasOne<StandardAddress>().WithMany().HasForeignKey(o => o.AddressId).OnDelete(DeleteBehavior.Restrict);
    }
}
