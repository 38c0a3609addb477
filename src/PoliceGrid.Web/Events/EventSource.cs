namespace PoliceGrid.Web.Events;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<EventSource>))]
public enum EventSource
{
    GridWorker = 1,
    Officer = 2,
    MicroGridWorker = 3,
    Citizen = 4,
    Call110 = 5,
    Hotline12345 = 6,
    Department = 7,
}
