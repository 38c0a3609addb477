namespace PoliceGrid.Web.Events.Open311;

public static class Open311Api
{
    public static void MapOpen311Api(this IEndpointRouteBuilder app)
    {
        _ = app;
    }
}
