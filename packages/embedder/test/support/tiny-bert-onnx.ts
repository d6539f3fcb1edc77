import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ProtobufWriter } from './protobuf-writer';
import { STATIC_MODEL_DIRECTORY } from './static-model-directory';

export interface TinyBertModelOptions {
  /** Folder to create; the model's files go straight into it. */
  directory: string;
  /** Whether the tokenizer wraps texts in [CLS] … [SEP] like BERT's; default true. */
  specialTokens?: boolean;
  /** Seed of the pseudo-random embedding table; default 7. */
  seed?: number;
}

export const TINY_BERT_HIDDEN_SIZE = 32;

// ONNX enum values (onnx.proto): TensorProto.DataType and AttributeProto.AttributeType.
const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_INT = 2;

/**
 * Writes a BERT-shaped feature-extraction model that transformers.js loads like a real one: config.json
 * (`model_type: bert`), the WordPiece tokenizer of routewise-static-en-64 (plus [CLS]/[SEP]) and onnx/model.onnx.
 * The graph takes input_ids, attention_mask and token_type_ids [batch, sequence] and returns last_hidden_state
 * [batch, sequence, 32] = table[input_ids] + (attention_mask + token_type_ids) × typeOffset. Padding positions
 * therefore hold table[[PAD]] without the offset: a pooling that counted them would give a different vector.
 */
export async function writeTinyBertModel(options: TinyBertModelOptions): Promise<void> {
  const specialTokens = options.specialTokens ?? true;
  await mkdir(path.join(options.directory, 'onnx'), { recursive: true });
  const tokenizer = JSON.parse(await readFile(path.join(STATIC_MODEL_DIRECTORY, 'tokenizer.json'), 'utf8')) as StaticTokenizer;
  const baseVocabularySize = Object.keys(tokenizer.model.vocab).length;
  const classifierTokenId = baseVocabularySize;
  const separatorTokenId = baseVocabularySize + 1;
  for (const [content, id] of [['[CLS]', classifierTokenId], ['[SEP]', separatorTokenId]] as const) {
    tokenizer.model.vocab[content] = id;
    tokenizer.added_tokens.push({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  }
  tokenizer.post_processor = specialTokens
    ? { type: 'BertProcessing', cls: ['[CLS]', classifierTokenId], sep: ['[SEP]', separatorTokenId] }
    : null;
  const vocabularySize = baseVocabularySize + 2;
  const tokenizerConfig = JSON.parse(await readFile(path.join(STATIC_MODEL_DIRECTORY, 'tokenizer_config.json'), 'utf8')) as object;
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: TINY_BERT_HIDDEN_SIZE,
    vocab_size: vocabularySize,
    max_position_embeddings: 512,
    num_attention_heads: 1,
    num_hidden_layers: 0,
  };
  await Promise.all([
    writeFile(path.join(options.directory, 'tokenizer.json'), JSON.stringify(tokenizer)),
    writeFile(
      path.join(options.directory, 'tokenizer_config.json'),
      JSON.stringify({ ...tokenizerConfig, model_max_length: 512, cls_token: '[CLS]', sep_token: '[SEP]' }),
    ),
    writeFile(path.join(options.directory, 'config.json'), JSON.stringify(config)),
    writeFile(path.join(options.directory, 'onnx', 'model.onnx'), tinyBertOnnx(vocabularySize, options.seed ?? 7)),
  ]);
}

/** Copies the files a loader needs but leaves a corrupt model.onnx, to test that loading fails cleanly. */
export async function writeCorruptModel2VecModel(directory: string): Promise<void> {
  await mkdir(path.join(directory, 'onnx'), { recursive: true });
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
    await copyFile(path.join(STATIC_MODEL_DIRECTORY, file), path.join(directory, file));
  }
  await writeFile(path.join(directory, 'onnx', 'model.onnx'), Buffer.from('this is not an ONNX protobuf'));
}

interface StaticTokenizer {
  added_tokens: object[];
  post_processor: object | null;
  model: { vocab: Record<string, number> };
}

function tinyBertOnnx(vocabularySize: number, seed: number): Buffer {
  const random = mulberry32(seed);
  const table = Float32Array.from({ length: vocabularySize * TINY_BERT_HIDDEN_SIZE }, () => random() * 2 - 1);
  const typeOffset = Float32Array.from({ length: TINY_BERT_HIDDEN_SIZE }, () => random() * 2 - 1);
  const nodes: Array<[opType: string, inputs: string[], output: string, castTo?: number]> = [
    ['Gather', ['embedding_table', 'input_ids'], 'token_vectors'],
    ['Add', ['attention_mask', 'token_type_ids'], 'mask_plus_type'],
    ['Cast', ['mask_plus_type'], 'mask_plus_type_float', FLOAT],
    ['Unsqueeze', ['mask_plus_type_float', 'unsqueeze_axes'], 'mask_column'],
    ['Mul', ['mask_column', 'type_offset'], 'offset_vectors'],
    ['Add', ['token_vectors', 'offset_vectors'], 'last_hidden_state'],
  ];
  return new ProtobufWriter()
    .varint(1, 8) // ir_version
    .string(2, 'routewise-tiny-bert-test') // producer_name
    .message(7, (graph) => {
      nodes.forEach(([opType, inputs, output, castTo], index) =>
        graph.message(1, (node) => {
          inputs.forEach((input) => node.string(1, input));
          node.string(2, output).string(3, `node_${index}`).string(4, opType);
          if (castTo !== undefined) node.message(5, (attribute) => attribute.string(1, 'to').varint(3, castTo).varint(20, ATTRIBUTE_INT));
        }),
      );
      graph.string(2, 'tiny_bert');
      tensor(graph, 'embedding_table', [vocabularySize, TINY_BERT_HIDDEN_SIZE], FLOAT, Buffer.from(table.buffer));
      tensor(graph, 'type_offset', [TINY_BERT_HIDDEN_SIZE], FLOAT, Buffer.from(typeOffset.buffer));
      tensor(graph, 'unsqueeze_axes', [1], INT64, Buffer.from(BigInt64Array.of(2n).buffer));
      for (const input of ['input_ids', 'attention_mask', 'token_type_ids']) valueInfo(graph, 11, input, INT64, ['batch', 'sequence']);
      valueInfo(graph, 12, 'last_hidden_state', FLOAT, ['batch', 'sequence', TINY_BERT_HIDDEN_SIZE]);
    })
    .message(8, (opset) => opset.string(1, '').varint(2, 13)) // opset_import: default domain, opset 13
    .finish();
}

/** GraphProto.initializer: a TensorProto with little-endian raw_data. */
function tensor(graph: ProtobufWriter, name: string, dims: number[], dataType: number, rawData: Buffer): void {
  graph.message(5, (message) => {
    dims.forEach((dim) => message.varint(1, dim));
    message.varint(2, dataType).string(8, name).bytes(9, rawData);
  });
}

/** GraphProto.input (11) or .output (12): a ValueInfoProto with a tensor type; string dims are symbolic. */
function valueInfo(graph: ProtobufWriter, field: 11 | 12, name: string, elementType: number, dims: Array<string | number>): void {
  graph.message(field, (info) =>
    info.string(1, name).message(2, (type) =>
      type.message(1, (tensorType) =>
        tensorType.varint(1, elementType).message(2, (shape) =>
          dims.forEach((dim) => shape.message(1, (dimension) => (typeof dim === 'number' ? dimension.varint(1, dim) : dimension.string(2, dim)))),
        ),
      ),
    ),
  );
}

/** Small seeded PRNG so the table, and so the model's hash, is the same on every run. */
function mulberry32(seed: number): () => number {
  const imul = Math.imul; // bound once: global lookups are slow inside jest's vm context
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = imul(state ^ (state >>> 15), 1 | state);
    value = (value + imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
