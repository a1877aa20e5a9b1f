using Leaderboard.Baselines.Clap;
using Leaderboard.Onnx.TestModel;

namespace Leaderboard.Baselines.Tests;

public class WavDecoderTests
{
    private static MonoAudio Decode(byte[] file) => WavDecoder.Decode(new MemoryStream(file));

    [Theory]
    [InlineData(WavEncoding.Pcm8, 1.0 / 128)]
    [InlineData(WavEncoding.Pcm16, 1.0 / 32768)]
    [InlineData(WavEncoding.Pcm24, 1.0 / 8388608)]
    [InlineData(WavEncoding.Pcm32, 1e-7)]
    [InlineData(WavEncoding.IeeeFloat32, 1e-7)]
    [InlineData(WavEncoding.IeeeFloat64, 1e-7)]
    public void Decode_EachEncoding_SamplesWithinOneQuantisationStep(WavEncoding encoding, double step)
    {
        var tone = TestWav.Sine(440, 0.8, 16_000, 0.25);

        var audio = Decode(TestWav.Build(encoding, 16_000, [tone]));

        Assert.Equal(16_000, audio.SampleRate);
        Assert.Equal(tone.Length, audio.Samples.Length);
        Assert.All(Enumerable.Range(0, tone.Length), i => Assert.InRange(audio.Samples[i] - tone[i], -step, step));
    }

    [Fact]
    public void Decode_Stereo_AveragedToMono()
    {
        var left = TestWav.Sine(440, 0.5, 8_000, 0.1);
        var right = left.Select(v => -v / 2).ToArray();

        var audio = Decode(TestWav.Build(WavEncoding.IeeeFloat32, 8_000, [left, right]));

        Assert.All(Enumerable.Range(0, left.Length), i => Assert.Equal((left[i] + right[i]) / 2, audio.Samples[i], 1e-6));
    }

    [Theory]
    [InlineData(WavEncoding.Pcm24)]
    [InlineData(WavEncoding.IeeeFloat32)]
    public void Decode_ExtensibleFormatAfterOddSizedListChunk_ReadsTheData(WavEncoding encoding)
    {
        var tone = TestWav.Sine(1000, 0.5, 44_100, 0.1);

        var audio = Decode(TestWav.Build(encoding, 44_100, [tone, tone], extensible: true, listChunk: true));

        Assert.Equal(44_100, audio.SampleRate);
        Assert.Equal(tone[10], audio.Samples[10], 1e-6);
    }

    [Fact]
    public void Decode_MaxSeconds_StopsThere()
    {
        var audio = WavDecoder.Decode(new MemoryStream(TestWav.Build(WavEncoding.Pcm16, 8_000, [TestWav.Sine(440, 0.5, 8_000, 2)])), maxSeconds: 0.5);

        Assert.Equal(4_000, audio.Samples.Length);
    }

    [Fact]
    public void Decode_DataSizeBeyondTheEnd_ReadsWhatIsThere()
    {
        var file = TestWav.Build(WavEncoding.Pcm16, 8_000, [TestWav.Sine(440, 0.5, 8_000, 0.1)]);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(40), uint.MaxValue);

        Assert.Equal(800, Decode(file).Samples.Length);
    }

    [Fact]
    public void Decode_NotRiff_SaysSo()
    {
        var error = Assert.Throws<WavFormatException>(() => Decode("ID3\x03 this is an mp3 file, really"u8.ToArray()));

        Assert.Equal("not a RIFF/WAVE file.", error.Message);
    }

    [Fact]
    public void Decode_TooShort_SaysSo()
    {
        var error = Assert.Throws<WavFormatException>(() => Decode("RIFF"u8.ToArray()));

        Assert.Contains("too short", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnsupportedEncoding_NamesItAndWhatIsSupported()
    {
        var file = TestWav.Build(WavEncoding.Pcm16, 8_000, [TestWav.Sine(440, 0.5, 8_000, 0.1)]);
        file[20] = 2; // ADPCM

        var error = Assert.Throws<WavFormatException>(() => Decode(file));

        Assert.Contains("format code 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("PCM 8/16/24/32-bit and IEEE float 32/64-bit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_InconsistentBlockAlign_SaysSo()
    {
        var file = TestWav.Build(WavEncoding.Pcm16, 8_000, [TestWav.Sine(440, 0.5, 8_000, 0.1)]);
        file[32] = 7;

        Assert.Contains("inconsistent fmt chunk", Assert.Throws<WavFormatException>(() => Decode(file)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NoDataChunk_SaysSo()
    {
        var file = TestWav.Build(WavEncoding.Pcm16, 8_000, [TestWav.Sine(440, 0.5, 8_000, 0.1)]);

        Assert.Equal("no data chunk.", Assert.Throws<WavFormatException>(() => Decode(file[..36])).Message);
    }

    [Fact]
    public void Read_BadFile_MessageNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "leaderboard-tests", Guid.NewGuid().ToString("N"), "broken.wav");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "not audio at all");

        Assert.Equal("broken.wav: not a RIFF/WAVE file.", Assert.Throws<WavFormatException>(() => WavDecoder.Read(path)).Message);
    }
}
