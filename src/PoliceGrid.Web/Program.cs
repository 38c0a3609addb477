using PoliceGrid.Web.Access;
using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Care;
using PoliceGrid.Web.CommandRoom;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Delivery;
using PoliceGrid.Web.Disputes;
using PoliceGrid.Web.Duty;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Events;
using PoliceGrid.Web.Events.Open311;
using PoliceGrid.Web.Events.Pages;
using PoliceGrid.Web.Operations;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Shared.Live;
using PoliceGrid.Web.Staff;
using PoliceGrid.Web.Teams;
using PoliceGrid.Web.Units;

if (args is ["schema-script", var provider])
{
    Console.Write(SchemaScript.For(provider));
    return;
}
if (args is ["vapid-keys"])
{
    var (publicKey, privateKey) = WebPushProtocol.NewVapidKeys();
    Console.WriteLine($"Delivery__WebPush__PublicKey={publicKey}\nDelivery__WebPush__PrivateKey={privateKey}");
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDatabase();
builder.AddAudit();
builder.AddAccess();
builder.AddAccounts();
builder.AddUnits();
builder.AddRegister();
builder.AddEvents();
builder.AddOpen311();
builder.AddDelivery();
builder.AddCommandRoom();
builder.AddDuty();
builder.AddStaff();
builder.AddTeams();
builder.AddCare();
builder.AddDisputes();
builder.AddLive();
builder.AddShell();
builder.AddOperations();

var app = builder.Build();
await app.PrepareAsync();

app.UseAuditedDenials();
app.UseShell();
app.MapAuthApi();
app.MapUnitsApi();
app.MapAuditApi();
app.MapAccountsApi();
app.MapRegisterApi();
app.MapEventsApi();
app.MapCommandRoomApi();
app.MapDeliveryApi();
app.MapDutyApi();
app.MapStaffApi();
app.MapTeamsApi();
app.MapCareApi();
app.MapDisputesApi();
app.MapLiveApi();
app.MapOpen311Api();
app.MapApiDescription();
app.MapOperations();
app.MapPages();

app.Run();
