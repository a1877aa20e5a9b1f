using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Leaderboard.Web.Tests;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package) for this test process: started on first use in a
/// folder of its own on a free loopback port, stopped when the process exits. Each caller gets a database of its own.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> _shared = new(Start);
    private readonly Lock _create = new();
    private readonly HashSet<string> _created = [];

    private PostgresServer(string socketDirectory, int port)
    {
        SocketDirectory = socketDirectory;
        Port = port;
    }

    public static PostgresServer Shared => _shared.Value;

    public string SocketDirectory { get; }

    public int Port { get; }

    /// <summary>The connection string of database <paramref name="name"/>, created empty on first use.</summary>
    public string Database(string name)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = name, MaxPoolSize = 20, ConnectionIdleLifetime = 2, ConnectionPruningInterval = 1 };
        lock (_create)
        {
            if (_created.Add(name))
            {
                using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
                connection.Open();
                using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                command.ExecuteNonQuery();
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>A database name for a key (e.g. a portal's data folder): the same key, the same database.</summary>
    public static string NameFor(string key) => "lb_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24];

    private static PostgresServer Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).Order().LastOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("PostgreSQL is not installed: apt-get install postgresql (the tests start their own server).");
        }

        // PostgreSQL refuses to run as root: as root, the server runs as the package's postgres user, in a folder it can enter.
        var folder = Directory.CreateTempSubdirectory("leaderboard-pg-");
        Run("chmod", $"755 {folder.FullName}");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres {folder.FullName}");
        }

        var data = Path.Combine(folder.FullName, "data");
        var port = FreePort();
        RunAs(asRoot, Path.Combine(bin, "initdb"), $"-D {data} -A trust -U postgres --no-locale -E UTF8");

        // Durability is not what the tests check: no fsync keeps a test run's thousands of commits fast.
        RunAs(asRoot, Path.Combine(bin, "pg_ctl"),
            $"-D {data} -l {Path.Combine(folder.FullName, "server.log")} -w start -o \"-p {port} -k {folder.FullName} -c listen_addresses=127.0.0.1 -c max_connections=1000 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\"");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAs(asRoot, Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate stop");
        return new PostgresServer(folder.FullName, port);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAs(bool asRoot, string program, string arguments)
    {
        if (asRoot)
        {
            Run("runuser", $"-u postgres -- {program} {arguments}");
        }
        else
        {
            Run(program, arguments);
        }
    }

    private static void Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {output.Result}{error}");
        }
    }
}
