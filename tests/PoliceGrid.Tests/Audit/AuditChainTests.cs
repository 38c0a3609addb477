using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;

namespace PoliceGrid.Tests.Audit;

public class AuditChainTests
{
    static async Task WriteRowsAsync(ProductApp app, int count)
    {
        using var scope = app.Services.CreateScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        for (var i = 0; i < count; i++)
            await audit.WriteAsync("test-action", "thing", i.ToString(System.Globalization.CultureInfo.InvariantCulture), detail: $"row {i}", userName: "tester");
    }

    static Task<ChainBreak?> VerifyAsync(ProductApp app) => app.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None));

    static Task ExecuteAsync(ProductApp app, string sql) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task AnIntactChainVerifiesAndEveryRowLinksToThePrevious(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, seed: false);
        await WriteRowsAsync(app, 20);

        Assert.Null(await VerifyAsync(app));
        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(r => r.Id));
        for (var i = 1; i < rows.Count; i++)
            Assert.Equal(rows[i - 1].Hash, rows[i].PreviousHash);
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite, "UPDATE audit_entries SET id = id WHERE id = 3")]
    [InlineData(DatabaseSetup.Sqlite, "DELETE FROM audit_entries WHERE id = 3")]
    [InlineData(DatabaseSetup.Postgres, "UPDATE audit_entries SET detail = 'changed' WHERE id = 3")]
    [InlineData(DatabaseSetup.Postgres, "DELETE FROM audit_entries WHERE id = 3")]
    [InlineData(DatabaseSetup.Postgres, "TRUNCATE audit_entries")]
    public async Task TheDatabaseRefusesToChangeOrRemoveAuditRows(string provider, string sql)
    {
        await using var app = await ProductApp.StartAsync(provider, seed: false);
        await WriteRowsAsync(app, 5);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(app, sql));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task VerifyFindsATamperedRowAndAMissingOne(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, seed: false);
        await WriteRowsAsync(app, 10);
        // Someone with rights to drop the guard rewrites history; the chain still tells.
        var (disable, enable) = provider == DatabaseSetup.Postgres
            ? ("ALTER TABLE audit_entries DISABLE TRIGGER USER", "ALTER TABLE audit_entries ENABLE TRIGGER USER")
            : ("DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete", "SELECT 1");
        await ExecuteAsync(app, disable);

        await ExecuteAsync(app, "UPDATE audit_entries SET detail = 'nothing happened' WHERE id = 4");
        Assert.Equal(new ChainBreak(4, ChainBreakKind.Tampered), await VerifyAsync(app));

        await ExecuteAsync(app, "DELETE FROM audit_entries WHERE id >= 4 AND id <= 4");
        Assert.Equal(new ChainBreak(4, ChainBreakKind.Missing), await VerifyAsync(app));
        await ExecuteAsync(app, enable);
    }

    [Fact]
    public async Task ConcurrentWritersStillFormOneChain()
    {
        await using var app = await ProductApp.StartAsync(DatabaseSetup.Postgres, seed: false);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => WriteRowsAsync(app, 10)));

        Assert.Equal(80, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Null(await VerifyAsync(app));
    }

    [Fact]
    public async Task TheAuditorVerifiesTheChainThroughTheApi()
    {
        await using var app = await ProductApp.StartAsync(DatabaseSetup.Sqlite);
        var auditor = await app.SignInAsync("auditor");

        var response = await auditor.PostAsync("/api/audit/verify", null);

        var verification = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<AuditApi.Verification>(response.Content);
        Assert.True(verification!.Intact);
        Assert.True(verification.Rows > 0);
    }
}
