using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PoliceGrid.Tests.Infrastructure;
using PoliceGrid.Tests.Register;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using static PoliceGrid.Tests.Register.RegisterApps;
using PoliceGrid.Web.Register.Records;

namespace PoliceGrid.Tests.Audit;

[Collection(RegisterData.Name)]
public class AuditCoverageTests(RegisterApps apps)
{
    static Task<int> CountAsync(ProductApp app, string action, string userName, string? detail = null, string? recordType = null) =>
        app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == action && e.UserName == userName
            && (detail == null || e.Detail == detail) && (recordType == null || e.RecordType == recordType)));

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task EveryForbiddenAnswerLeavesOneDeniedAuditRow(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var stationHead = await app.SignInAsync("stationhead");
        var before = (await CountAsync(app, "forbidden", "gridworker1", "GET /api/audit"), await CountAsync(app, "forbidden", "gridworker1", "GET /audit"),
            await CountAsync(app, "forbidden", "stationhead", "POST /api/residents"));

        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await worker.GetAsync("/audit")).StatusCode);
        var collect = await stationHead.PostAsJsonAsync("/api/residents", Resident(await UnitOfAsync(app, "gridworker1"), "赵刚", NewIdNumber()));
        Assert.Equal(HttpStatusCode.Forbidden, collect.StatusCode);

        Assert.Equal(before.Item1 + 1, await CountAsync(app, "forbidden", "gridworker1", "GET /api/audit"));
        Assert.Equal(before.Item2 + 1, await CountAsync(app, "forbidden", "gridworker1", "GET /audit"));
        Assert.Equal(before.Item3 + 1, await CountAsync(app, "forbidden", "stationhead", "POST /api/residents"));
        var row = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id)
            .FirstAsync(e => e.Action == "forbidden" && e.UserName == "stationhead"));
        Assert.Equal(AuditOutcome.Denied, row.Outcome);
        Assert.NotNull(row.AccountId);
    }

    [Theory]
    [MemberData(nameof(Providers), MemberType = typeof(RegisterApps))]
    public async Task EachListOfPeopleReadLeavesOneRowWithItsCountButNoIdNumber(string provider)
    {
        var app = apps.For(provider);
        var worker = await app.SignInAsync("gridworker1");
        var idNumber = NewIdNumber();
        await CollectAsync(worker, Resident(await UnitOfAsync(app, "gridworker1"), "卫晓彤", idNumber));
        var before = (await CountAsync(app, "list", "gridworker1", recordType: "resident"), await CountAsync(app, "list", "gridworker1", recordType: "house"));

        Assert.Single((await worker.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/residents?q={idNumber}")).EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/register?q={idNumber}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/api/houses")).StatusCode);

        var rows = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == "list" && e.UserName == "gridworker1" && e.RecordType == "resident").OrderByDescending(e => e.Id).Take(2).ToListAsync());
        Assert.Equal(before.Item1 + 2, await CountAsync(app, "list", "gridworker1", recordType: "resident"));
        Assert.Equal(before.Item2 + 1, await CountAsync(app, "list", "gridworker1", recordType: "house"));
        Assert.All(rows, row =>
        {
            Assert.Contains("rows=1", row.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(idNumber[..10], row.Detail, StringComparison.Ordinal);
        });
    }

    static readonly Regex FullIdNumber = new(@"[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx]", RegexOptions.None, TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData(DatabaseSetup.Sqlite)]
    [InlineData(DatabaseSetup.Postgres)]
    public async Task AuditRowsAndLogsHoldNoPasswordAndNoFullIdNumber(string provider)
    {
        var logs = new CapturedLogs();
        await using var app = new ProductApp(await TestDatabase.CreateAsync(provider),
            settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Information" },
            services: s => s.AddSingleton<ILoggerProvider>(logs));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        const string wrong = "Wrong#Guess2026";
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/login", new { userName = "gridworker1", password = wrong })).StatusCode);
        var worker = await app.SignInAsync("gridworker1");
        var idNumber = NewIdNumber();
        var id = (await CollectAsync(worker, Resident(await UnitOfAsync(app, "gridworker1"), "周敏", idNumber, new { phone = "13800138000" })))
            .GetProperty("id").GetInt32();
        await worker.GetAsync($"/api/residents?q={idNumber}");
        await worker.GetAsync($"/register?q={idNumber}");
        await worker.GetAsync($"/api/residents/{id}");
        await worker.PostAsJsonAsync($"/api/residents/{id}/reveal", new { reason = "核对身份" });
        await worker.PostAsync("/api/auth/logout", null);

        var trail = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());
        var texts = trail.Select(e => string.Join(' ', e.UserName, e.Action, e.RecordType, e.RecordId, e.ClientAddress, e.Outcome, e.Detail))
            .Concat(logs.Lines).ToList();
        Assert.Contains(trail, e => e.Action == "list");
        Assert.Contains(logs.Lines, line => line.Length > 0);
        foreach (var text in texts)
        {
            Assert.DoesNotContain(DemoSeed.Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(wrong, text, StringComparison.Ordinal);
            Assert.DoesNotContain("13800138000", text, StringComparison.Ordinal);
            Assert.False(FullIdNumber.IsMatch(text), text);
        }
    }

    sealed class CapturedLogs : ILoggerProvider, ILogger
    {
        readonly ConcurrentQueue<string> lines = new();

        public IReadOnlyCollection<string> Lines => lines;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{formatter(state, exception)} {exception}");

        public void Dispose()
        {
        }
    }
}
