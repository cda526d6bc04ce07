import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';
import { operations } from '../../shared/core';
import type { Operation, OperationName, Provider } from '../../shared/core';
import type { ParamReader } from './params';

/** What a catalogue operation returns once validated and run. */
export type ResultOf<N extends OperationName> = Awaited<ReturnType<(typeof operations)[N]['execute']>>;

export interface ItemOutput {
  json: IDataObject;
  binary?: IBinaryKeyData;
}

export interface BinaryFile {
  data: Uint8Array;
  mimeType: string;
  fileName: string;
}

/** Per-item access to n8n's binary data (and uploads through the shared provider). */
export interface ItemIO {
  readonly itemIndex: number;
  /** The bytes, MIME type and file name of an input binary property. */
  readBinary(propertyName: string): Promise<BinaryFile>;
  /** Uploads an input binary property with core's media.upload; returns the media id and the file's name. */
  uploadBinary(propertyName: string, phoneNumberId: string | undefined): Promise<{ mediaId: string; fileName: string }>;
  /** Stores bytes as n8n binary data under `propertyName`. */
  writeBinary(file: BinaryFile, propertyName: string): Promise<IBinaryKeyData>;
}

/** One node operation bound to its catalogue entry. */
export interface OperationBinding<N extends OperationName> {
  operation: N;
  /** Node parameters (of one item) to the catalogue input; core validates it. */
  toInput(get: ParamReader, io: ItemIO): unknown;
  /** The catalogue result back to items (several for "get many"). */
  toOutput(result: ResultOf<N>, get: ParamReader, io: ItemIO): ItemOutput[] | Promise<ItemOutput[]>;
}

/** A binding with its types erased, as the router holds it. */
export interface NodeAction {
  operation: OperationName;
  toInput(get: ParamReader, io: ItemIO): unknown;
  execute(provider: Provider, get: ParamReader, io: ItemIO): Promise<ItemOutput[]>;
}

export function bind<N extends OperationName>(binding: OperationBinding<N>): NodeAction {
  const operation: Operation = operations[binding.operation];
  return {
    operation: binding.operation,
    toInput: binding.toInput,
    async execute(provider, get, io) {
      const input = await binding.toInput(get, io);
      const result = (await operation.run(provider, input)) as ResultOf<N>;
      return binding.toOutput(result, get, io);
    },
  };
}

/** Core results are plain JSON objects (binary data never goes into json). */
export function toJson(value: object): IDataObject {
  return { ...(value as IDataObject) };
}
