using Microsoft.EntityFrameworkCore;
using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Shared.Live;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Units;

namespace PoliceGrid.Web.Events;

/// <summary>Demo mode only: a handful of events in the demo township, in different states, so the board is not empty.
/// They go through the same use cases as real reports, with the clock set back.</summary>
public static class DemoEvents
{
    sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    public static async Task AddAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<PoliceGridDb>();
        var audit = services.GetRequiredService<AuditTrail>();
        var locator = services.GetRequiredService<UnitLocator>();
        var live = services.GetRequiredService<LiveFeed>();
        var access = services.GetRequiredService<AccessPolicy>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        async Task<Viewer> As(string userName) => await access.ViewerFor(await db.Users.AsNoTracking().SingleAsync(a => a.UserName == userName));
        async Task<(double Lon, double Lat)> PointIn(int gridId, double shift)
        {
            var outline = await db.Units.AsNoTracking().Where(u => u.Id == gridId).Select(u => u.Outline).SingleAsync();
            var shape = Wkb.Read(outline!);
            var inside = shape.InteriorPoint.Coordinate;
            var centre = shape.Centroid.Coordinate;
            var p = (inside.X + (centre.X - inside.X) * shift, inside.Y + (centre.Y - inside.Y) * shift);
            return shape.Contains(new NetTopologySuite.Geometries.Point(p.Item1, p.Item2)) ? p : (inside.X, inside.Y);
        }

        var worker1 = await As("gridworker1");
        var worker2 = await As("gridworker2");
        var officer = await As("officer");
        var chief = await As("gridchief");
        var dispatcher = await As("dispatcher");
        var here = await PointIn(worker1.Unit.Id, 0.3);
        var there = await PointIn(worker2.Unit.Id, 0.5);

        async Task<int> Report(Viewer who, TimeSpan ago, string code, string title, string description, (double Lon, double Lat) at, EventSource? source = null)
        {
            var settings = services.GetRequiredService<EventSettingsCache>();
            var report = new ReportEvent(db, audit, locator, new RouteEvent(settings, NoOneOnDuty.Instance), settings, live, MessagesAt(now - ago), new Clock(now - ago));
            var outcome = await report.RunAsync(new ReportEvent.Reporter(who, who.DisplayName, ReportEvent.SourceOf(who.Role)),
                new ReportEvent.Request(code, title, description, at.Lon, at.Lat, null, null, source, null, null, null, null));
            return outcome.Value?.Event.Id ?? throw new InvalidOperationException("Demo event not reported: " + outcome.Message);
        }
        async Task Act(Viewer who, TimeSpan ago, int id, EventAction action, string? note = null, int? unitId = null)
        {
            var act = new ActOnEvent(db, audit, services.GetRequiredService<EventSettingsCache>(), live, MessagesAt(now - ago), new Clock(now - ago));
            var outcome = await act.RunAsync(who, id, action, new ActOnEvent.Request(null, note, unitId, null, null, null));
            if (!outcome.IsDone)
                throw new InvalidOperationException($"Demo step {action} on {id} failed: {outcome.Message}");
            db.ChangeTracker.Clear();
        }

        // Messages made at the time of each step, so the demo's inbox and chase show what a day of work leaves.
        EventMessages MessagesAt(DateTimeOffset at) => new(new Delivery.Notify(db, new Clock(at), services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Delivery.DeliveryOptions>>(),
            services.GetServices<Delivery.ITeamLookup>(), services.GetRequiredService<Delivery.AckDeadlines>()), NoOneOnDuty.Instance, new Clock(at));
        var h = TimeSpan.FromHours(1);
        await Report(worker1, 3 * h, "05.01", "楼道堆放杂物堵塞消防通道", "3号楼2单元楼道堆放纸箱和电动车，堵塞消防通道。", here);
        var dispute = await Report(worker1, 50 * h, "04.01", "邻里噪音纠纷", "502室与402室因夜间噪音发生争吵，双方情绪较大。", here);
        await Act(dispatcher, 49 * h, dispute, EventAction.Dispatch, "请网格员上门调解", worker1.Unit.Id);
        await Act(worker1, 48 * h, dispute, EventAction.Start);
        await Act(worker1, 30 * h, dispute, EventAction.Handle, "已上门调解，双方签订调解协议。");
        var suspicious = await Report(worker1, 20 * h, "06.02", "出租屋可疑人员", "某出租屋近期频繁有陌生人员夜间出入。", here);
        await Act(officer, 19 * h, suspicious, EventAction.Accept);
        await Act(officer, 18 * h, suspicious, EventAction.Start);
        await Report(dispatcher, 0.5 * h, "08.01", "110转：小区停水求助", "居民来电称小区停水一天，请求协调。", here, EventSource.Call110);
        var facility = await Report(worker1, 120 * h, "05.02", "路灯损坏", "主干道路灯连续三盏不亮。", here);
        await Act(dispatcher, 119 * h, facility, EventAction.Accept);
        await Act(dispatcher, 118 * h, facility, EventAction.Dispatch, "请城管处置", worker1.Unit.Id);
        await Act(worker1, 117 * h, facility, EventAction.Start);
        await Act(worker1, 100 * h, facility, EventAction.Handle, "已联系城管更换灯具，恢复照明。");
        await Act(chief, 90 * h, facility, EventAction.Verify, "现场核查已亮。");
        await Report(worker2, 6 * h, "03.01", "老人办理社保卡求助", "独居老人需要上门协助办理社保卡。", there);

        var sweep = new EscalateOverdueEvents(db, audit, live, MessagesAt(now), new Clock(now), services.GetRequiredService<Shared.ProductMetrics>(),
            services.GetRequiredService<ILogger<EscalateOverdueEvents>>());
        await sweep.RunAsync();

        // What the demo's past left in the inboxes is history: delivered, and acknowledged once its deadline passed, so
        // a fresh start has nothing to send or chase, and the newest work still waits to be acknowledged.
        var at = now.UtcDateTime;
        await db.MessageDeliveries.ExecuteUpdateAsync(d => d.SetProperty(x => x.Status, Delivery.DeliveryStatus.Sent).SetProperty(x => x.SentAt, at));
        await db.Messages.Where(m => m.AckDueAt <= at).ExecuteUpdateAsync(m => m.SetProperty(x => x.AcknowledgedAt, x => x.AckDueAt));
    }
}
