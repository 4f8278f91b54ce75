using System.Text;
using Mono.Unix.Native;

namespace ClaimTracker.Api.Cli;

/// <summary>
/// What a command may write to and read from. Files are compared by device and inode, not by name, so a symbolic or a
/// hard link to the database is the database. A command never writes onto a SQLite database (a second name for the live
/// one would lose every write acknowledged after it), nor onto anything but a regular file (renaming onto /dev/full
/// replaces the device node), and reads a backup only from a regular file (opening a FIFO waits for a writer forever).
/// </summary>
public static class FileGuards
{
    private static readonly byte[] SqliteHeader = Encoding.ASCII.GetBytes("SQLite format 3\0");

    /// <summary>Checks that <paramref name="target"/> may receive a command's output file; it is then replaced whole.</summary>
    public static void OutputMayGo(string target, string database, bool force)
    {
        if (Syscall.lstat(target, out var link) != 0) return; // nothing there yet
        if (Type(link) == FilePermissions.S_IFLNK)
            throw new CliException($"{target} is a symbolic link; name the file itself.");
        RefuseOtherThanRegular(target, link, "write to");
        if (IsDatabaseFile(link, database))
            throw new CliException($"{target} is the database {database} itself (the same file under another name); refusing to overwrite it.");
        if (IsSqlite(target))
            throw new CliException($"{target} is a SQLite database; a command never overwrites one (it may be a database in use). "
                + "Remove it or choose another name.");
        if (!force) throw new CliException($"{target} exists; pass --force to replace it.");
    }

    /// <summary>Checks that <paramref name="path"/> is a regular file to read (following links), not a FIFO, device or directory.</summary>
    public static void InputMayBeRead(string path, string what)
    {
        if (Syscall.stat(path, out var status) != 0) throw new CliException($"No {what} at {path}.");
        RefuseOtherThanRegular(path, status, "read");
    }

    /// <summary>Checks a database path that a command will replace: missing, or a regular file.</summary>
    public static void DatabaseMayBeReplaced(string path)
    {
        if (Syscall.stat(path, out var status) == 0) RefuseOtherThanRegular(path, status, "replace");
    }

    /// <summary>Whether two paths name the same file (device and inode); false when either is missing.</summary>
    public static bool SameFile(string one, string other) =>
        Syscall.stat(one, out var a) == 0 && Syscall.stat(other, out var b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;

    private static bool IsDatabaseFile(Stat target, string database)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal", ".lock" })
            if (Syscall.stat(database + suffix, out var file) == 0 && file.st_dev == target.st_dev && file.st_ino == target.st_ino) return true;
        return false;
    }

    private static bool IsSqlite(string path)
    {
        var header = new byte[SqliteHeader.Length];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.AsSpan().SequenceEqual(SqliteHeader);
    }

    private static void RefuseOtherThanRegular(string path, Stat status, string verb)
    {
        var kind = Type(status) switch
        {
            FilePermissions.S_IFREG => null,
            FilePermissions.S_IFDIR => "a directory",
            FilePermissions.S_IFIFO => "a FIFO (named pipe)",
            FilePermissions.S_IFCHR or FilePermissions.S_IFBLK => "a device",
            FilePermissions.S_IFSOCK => "a socket",
            _ => "not a regular file",
        };
        if (kind is not null) throw new CliException($"{path} is {kind}; a command will only {verb} a regular file.");
    }

    private static FilePermissions Type(Stat status) => status.st_mode & FilePermissions.S_IFMT;
}
