import { writeCsv } from "../../bench/lib/data.ts";
await writeCsv(process.argv[2]!, 20261128, Number(process.argv[3]));
