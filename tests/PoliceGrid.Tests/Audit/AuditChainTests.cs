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

    static (string Disable, string Enable) TriggersOff(string provider) => provider == DatabaseSetup.Postgres
        ? ("ALTER TABLE audit_entries DISABLE TRIGGER USER", "ALTER TABLE audit_entries ENABLE TRIGGER USER")
        : ("DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete", "SELECT 1");

    /// <summary>The unkeyed SHA-256 of a row, as anyone who reads the source can compute it.</summary>
    static string UnkeyedHash(AuditEntry e) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
        string.Join('\u001f', e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), e.At.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.AccountId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", e.UserName ?? "", e.Action, e.RecordType ?? "", e.RecordId ?? "",
            e.ClientAddress ?? "", e.Outcome, e.Detail ?? "", e.PreviousHash))));

    /// <summary>The insider's rewrite: the row <paramref name="fromId"/> is edited and it and every row after it re-linked with unkeyed hashes.</summary>
    static async Task RechainUnkeyedAsync(ProductApp app, long fromId, bool clearKeyIds)
    {
        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        for (var i = (int)fromId - 1; i < rows.Count; i++)
        {
            if (rows[i].Id == fromId)
                rows[i].Detail = "nothing happened";
            if (clearKeyIds)
                rows[i].KeyId = null;
            rows[i].PreviousHash = rows[i - 1].Hash;
            rows[i].Hash = UnkeyedHash(rows[i]);
            var row = rows[i];
            await app.WithDbAsync(db => clearKeyIds
                ? db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE audit_entries SET key_id = NULL, detail = {row.Detail}, previous_hash = {row.PreviousHash}, hash = {row.Hash} WHERE id = {row.Id}")
                : db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE audit_entries SET detail = {row.Detail}, previous_hash = {row.PreviousHash}, hash = {row.Hash} WHERE id = {row.Id}"));
        }
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task RewritingARowAndRechainingEveryHashAfterItIsStillCaughtAtThatRow(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, seed: false);
        await WriteRowsAsync(app, 10);
        var (disable, enable) = TriggersOff(provider);
        await ExecuteAsync(app, disable);

        // The insider edits row 4 and recomputes every hash from there on, as the source shows how.
        await RechainUnkeyedAsync(app, fromId: 4, clearKeyIds: false);

        Assert.Equal(new ChainBreak(4, ChainBreakKind.Tampered), await VerifyAsync(app));
        await ExecuteAsync(app, enable);
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task DeletingTheNewestRowsIsReportedAsTruncatedFromTheFirstMissingRow(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, seed: false);
        await WriteRowsAsync(app, 10);
        var (disable, enable) = TriggersOff(provider);
        await ExecuteAsync(app, disable);

        await ExecuteAsync(app, "DELETE FROM audit_entries WHERE id >= 8");

        Assert.Equal(new ChainBreak(8, ChainBreakKind.Truncated), await VerifyAsync(app));
        await ExecuteAsync(app, enable);
    }

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task AnOldDatabasesUnkeyedRowsStillVerifyButOnlyBeforeTheFirstKeyedRow(string provider)
    {
        await using var app = await ProductApp.StartAsync(provider, seed: false);
        var previous = "";
        for (var id = 1; id <= 3; id++)
        {
            var old = new AuditEntry { Id = id, At = AuditChain.Now(), UserName = "before keys", Action = "login", Outcome = AuditOutcome.Success, PreviousHash = previous };
            old.Hash = previous = UnkeyedHash(old);
            await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO audit_entries (id, at, user_name, action, outcome, previous_hash, hash) VALUES ({old.Id}, {old.At}, {old.UserName}, {old.Action}, {old.Outcome}, {old.PreviousHash}, {old.Hash})"));
        }
        await WriteRowsAsync(app, 4);
        Assert.Null(await VerifyAsync(app));

        // Turning a keyed row back into an unkeyed one, and re-chaining after it, is a rewrite.
        var (disable, enable) = TriggersOff(provider);
        await ExecuteAsync(app, disable);
        await RechainUnkeyedAsync(app, fromId: 5, clearKeyIds: true);
        Assert.Equal(new ChainBreak(5, ChainBreakKind.Tampered), await VerifyAsync(app));
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
