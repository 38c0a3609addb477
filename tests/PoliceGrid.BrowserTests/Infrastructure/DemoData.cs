using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Web.Data;

namespace PoliceGrid.BrowserTests.Infrastructure;

/// <summary>Reads the demo data the server seeded, so tests can name units without hard-coding ids.</summary>
public static class DemoData
{
    public static async Task<(int Id, string Name)> UnitOfAsync(this ProductServer server, string userName)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        var unitId = await db.Users.AsNoTracking().Where(a => a.UserName == userName).Select(a => a.UnitId).SingleAsync();
        var name = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync();
        return (unitId, name);
    }

    /// <summary>Renames a unit directly in the database (as an administrator's edit would), for tests that show names.</summary>
    public static async Task RenameUnitAsync(this ProductServer server, int unitId, string name)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PoliceGridDb>();
        await db.Units.Where(u => u.Id == unitId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Name, name));
    }
}
