using PoliceGrid.Web.Accounts;
using PoliceGrid.Web.Audit;
using PoliceGrid.Web.Data;
using PoliceGrid.Web.Register;
using PoliceGrid.Web.Shared;
using PoliceGrid.Web.Units;

if (args is ["schema-script", var provider])
{
    Console.Write(SchemaScript.For(provider));
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddDatabase();
builder.AddAccounts();
builder.AddUnits();
builder.AddRegister();
builder.AddShell();

var app = builder.Build();
await app.PrepareAsync();

app.UseShell();
app.MapAuthApi();
app.MapUnitsApi();
app.MapAuditApi();
app.MapAccountsApi();
app.MapRegisterApi();
app.MapPages();

app.Run();
