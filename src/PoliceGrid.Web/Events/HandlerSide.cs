namespace PoliceGrid.Web.Events;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<HandlerSide>))]
public enum HandlerSide
{
    None = 0,
    Grid = 1,
    Police = 2,
    Department = 3,
}
