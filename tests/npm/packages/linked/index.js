import { own } from "#own";
import { scoped } from "@scope/pkg";
export const linked = "linked package (" + own + ", sees " + scoped + ")";
