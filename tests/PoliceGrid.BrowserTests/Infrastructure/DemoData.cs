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
}
