using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Web.Accounts;

/// <summary>One key of ASP.NET's Data Protection key ring (it seals sign-in cookies, antiforgery tokens, form results).</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}

public sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> k)
    {
        k.ToTable("data_protection_keys");
        k.Property(x => x.FriendlyName).HasMaxLength(100);
    }
}

/// <summary>
/// Keeps the key ring in the database every node shares. By default ASP.NET keeps it in each server's home directory,
/// so a person signed in on one node was signed out when the proxy sent her to the other, and everyone was signed out
/// when a hardened service could not write its home. ASP.NET writes a key rarely (every 90 days) and reads the ring
/// once a day or on meeting a key it does not know.
/// </summary>
public sealed class DatabaseKeyRing(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        var xml = element.ToString(SaveOptions.DisableFormatting);
        db.Database.ExecuteSql($"INSERT INTO data_protection_keys (friendly_name, xml) VALUES ({friendlyName}, {xml})");
    }
}
