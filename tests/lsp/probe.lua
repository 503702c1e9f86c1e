-- Wait for the current buffer's diagnostics from the client the user's init.lua attached, then
-- write them and the attached clients to a JSON file. Loaded after the snippet under test.
local out = os.getenv("VBLINT_NVIM_OUT")
local buf = vim.api.nvim_get_current_buf()

local function codes()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    found[#found + 1] = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  return found
end

local function arrived()
  for _, code in ipairs(codes()) do
    if code == "VB101" then
      return true
    end
  end
  return false
end

vim.wait(90000, arrived, 100)
vim.wait(1500) -- let any later publish (a re-check after settings) arrive too
local clients = {}
for _, client in pairs(vim.lsp.buf_get_clients(buf)) do
  clients[#clients + 1] = client.name
end
local file = io.open(out, "w")
file:write(vim.fn.json_encode({
  filetype = vim.bo[buf].filetype,
  clients = clients,
  codes = codes(),
  version = tostring(vim.version().major) .. "." .. tostring(vim.version().minor),
}))
file:close()
vim.cmd("qa!")
