export { main } from "./cli";
