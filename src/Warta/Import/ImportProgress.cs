using Spectre.Console;

namespace Warta.Import;

public interface IImportProgress
{
    void Start(long totalBytes);

    void Report(long bytesRead, int imported);

    void Stop();
}

public static class ImportProgress
{
    public static readonly IImportProgress None = new Silent();

    /// <summary>A live bar on a terminal; a line every few seconds when output goes to a file or CI log.</summary>
    public static IImportProgress Console() =>
        AnsiConsole.Profile.Capabilities.Interactive ? new Bar() : new Lines();

    private sealed class Silent : IImportProgress
    {
        public void Start(long totalBytes) { }
        public void Report(long bytesRead, int imported) { }
        public void Stop() { }
    }

    private sealed class Lines : IImportProgress
    {
        private long _total;
        private DateTime _last = DateTime.MinValue;

        public void Start(long totalBytes) => _total = Math.Max(1, totalBytes);

        public void Report(long bytesRead, int imported)
        {
            if (DateTime.UtcNow - _last < TimeSpan.FromSeconds(2)) return;
            _last = DateTime.UtcNow;
            System.Console.Error.WriteLine($"impor: {100.0 * bytesRead / _total:0}% berkas, {imported} artikel");
        }

        public void Stop() { }
    }

    private sealed class Bar : IImportProgress
    {
        private ProgressTask? _task;
        private Task? _running;
        private readonly TaskCompletionSource _done = new();

        public void Start(long totalBytes)
        {
            var ready = new TaskCompletionSource();
            _running = AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    _task = context.AddTask("Mengimpor", maxValue: Math.Max(1, totalBytes));
                    ready.SetResult();
                    await _done.Task;
                });
            ready.Task.Wait();
        }

        public void Report(long bytesRead, int imported)
        {
            if (_task is null) return;
            _task.Value = bytesRead;
            _task.Description = $"Mengimpor ({imported} artikel)";
        }

        public void Stop()
        {
            _done.TrySetResult();
            _running?.Wait();
        }
    }
}
